package vn.bluezone.portal.store.postgres;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.bluezone.portal.config.StoreSettings;
import vn.bluezone.portal.store.AccountStoreContract;
import vn.bluezone.portal.store.DeviceStoreContract;
import vn.bluezone.portal.store.EventStoreContract;
import vn.bluezone.portal.store.FlaggedImpressionsContract;
import vn.bluezone.portal.store.FleetSecretContract;
import vn.bluezone.portal.store.PolledGrantsContract;
import vn.bluezone.portal.store.RegistryStoreContract;
import vn.bluezone.portal.store.RetentionContract;
import vn.bluezone.portal.store.SessionStoreContract;
import vn.bluezone.portal.store.StatsStoreContract;
import vn.bluezone.portal.testing.FreshPostgresDatabase;

/**
 * Every store contract against a real PostgreSQL (Debian's server, started by {@link vn.bluezone.portal.testing.TestPostgres}):
 * a new database for each contract, emptied before each test.
 */
class PostgresStoresIT {
    @RegisterExtension
    static final FreshPostgresDatabase database = new FreshPostgresDatabase();

    @Nested
    class Events extends EventStoreContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class PolledGrants extends PolledGrantsContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Registry extends RegistryStoreContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Stats extends StatsStoreContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Retention extends RetentionContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class FleetSecret extends FleetSecretContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }

    @Nested
    class Flagged extends FlaggedImpressionsContract {
        @Override
        protected StoreSettings settings() {
            return database.storeSettings();
        }
    }
}
