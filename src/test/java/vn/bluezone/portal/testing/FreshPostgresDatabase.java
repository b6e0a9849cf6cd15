package vn.bluezone.portal.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.bluezone.portal.config.StoreSettings;

/**
 * A database of the JVM's {@link TestPostgres} for each test class (each {@code @Nested} class too), emptied before each
 * of its tests. Register it on a static field with {@code @RegisterExtension}.
 */
public final class FreshPostgresDatabase implements BeforeAllCallback, BeforeEachCallback {
    private String database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestPostgres.shared().freshDatabase(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestPostgres.shared().empty(database);
    }

    /** The database's name on the server. */
    public String name() {
        return database;
    }

    /** The portal's store settings for this database. */
    public StoreSettings storeSettings() {
        return TestStores.postgres(TestPostgres.shared().settings(database));
    }
}
