package vn.bluezone.portal.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where impressions are kept.
 *
 * @param sqliteFile the embedded database file
 * @param maxBatch most events committed in one transaction by the group-commit writer
 * @param queueCapacity events waiting for the writer before new visitors get a "busy" page
 * @param commitTimeout how long a visitor's page waits for its event to become durable
 * @param retention how long raw impressions (and the device keys seen per day) are kept; roll-ups are kept forever
 */
public record StoreSettings(Path sqliteFile, int maxBatch, int queueCapacity, Duration commitTimeout, Duration retention) {
}
