package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.store.Database;

/**
 * Copies the write-ahead log back into the database file on its own thread. The writer's connection
 * has automatic checkpoints turned off, so a visitor's page never waits for a checkpoint behind its
 * commit; passive checkpoints here never block the writer. A last, truncating checkpoint runs on close.
 */
public final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Database db;
    private final ScheduledExecutorService thread;

    public WalCheckpointer(Database db, Duration every) {
        this.db = db;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wal-checkpoint");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> checkpoint("PASSIVE"), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkpoint(String mode) {
        try (Connection c = db.connect()) {
            c.createStatement().execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException e) {
            log.warn("WAL checkpoint ({}) failed: {}", mode, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        checkpoint("TRUNCATE");
    }
}
