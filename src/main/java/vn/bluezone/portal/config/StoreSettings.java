package vn.bluezone.portal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where impressions are kept.
 *
 * @param kind the embedded SQLite file (one node) or a PostgreSQL database (a fleet of nodes sharing it)
 * @param sqliteFile the embedded database file (kind SQLITE)
 * @param postgres the shared database (present exactly when kind is POSTGRES)
 * @param maxBatch most events committed in one transaction by the group-commit writer
 * @param queueCapacity events waiting for the writer before new visitors get a "busy" page
 * @param commitTimeout how long a visitor's page waits for its event to become durable
 * @param retention how long raw impressions (and the device keys seen per day) are kept; roll-ups are kept forever
 */
public record StoreSettings(Kind kind, Path sqliteFile, Optional<PostgresSettings> postgres, int maxBatch, int queueCapacity,
        Duration commitTimeout, Duration retention) {

    /** Which store implementation the portal runs on ({@code store.kind}). */
    public enum Kind { SQLITE, POSTGRES }

    public StoreSettings {
        if ((kind == Kind.POSTGRES) != postgres.isPresent()) {
            throw new IllegalArgumentException("PostgreSQL settings go with store kind POSTGRES, and only with it");
        }
    }

    @Override
    public String toString() {
        return "StoreSettings[" + (kind == Kind.SQLITE ? "sqlite " + sqliteFile : postgres.orElseThrow()) + ", maxBatch=" + maxBatch
                + ", queueCapacity=" + queueCapacity + ", commitTimeout=" + commitTimeout + ", retention=" + retention + "]";
    }
}
