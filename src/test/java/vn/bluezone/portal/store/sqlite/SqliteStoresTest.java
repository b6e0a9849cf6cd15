package vn.bluezone.portal.store.sqlite;

import org.junit.jupiter.api.Nested;
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
import vn.bluezone.portal.testing.TestStores;

/** Every store contract against the embedded SQLite store, a new file in a temp folder for each test. */
class SqliteStoresTest {

    @Nested
    class Events extends EventStoreContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class PolledGrants extends PolledGrantsContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Registry extends RegistryStoreContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Stats extends StatsStoreContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Retention extends RetentionContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class FleetSecret extends FleetSecretContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }

    @Nested
    class Flagged extends FlaggedImpressionsContract {
        @Override
        protected StoreSettings settings() {
            return TestStores.sqlite(dataDir);
        }
    }
}
