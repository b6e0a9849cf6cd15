package vn.bluezone.portal.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import vn.bluezone.portal.config.PostgresSettings;
import vn.bluezone.portal.config.StoreSettings;

/** Store settings as the configuration file's defaults give them, for one store kind. */
public final class TestStores {
    private TestStores() {
    }

    /** The embedded store in {@code dir/portal.db}. */
    public static StoreSettings sqlite(Path dir) {
        return new StoreSettings(StoreSettings.Kind.SQLITE, dir.resolve("portal.db"), Optional.empty(), 1000, 50_000, Duration.ofSeconds(5),
                Duration.ofDays(90));
    }

    /** A PostgreSQL store. */
    public static StoreSettings postgres(PostgresSettings postgres) {
        return new StoreSettings(StoreSettings.Kind.POSTGRES, Path.of("unused.db"), Optional.of(postgres), 1000, 50_000,
                Duration.ofSeconds(5), Duration.ofDays(90));
    }
}
