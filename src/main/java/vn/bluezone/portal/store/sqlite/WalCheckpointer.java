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
    private volatile boolean failing;

    public WalCheckpointer(Database db, Duration every) {
        this.db = db;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wal-checkpoint");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> checkpoint("PASSIVE"), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Logs the first failure of a run of them (a full disk would otherwise write a line a second), and the recovery. */
    private void checkpoint(String mode) {
        try (Connection c = db.connect()) {
            c.createStatement().execute("PRAGMA wal_checkpoint(" + mode + ")");
            if (failing) {
                log.info("WAL checkpoints work again");
                failing = false;
            }
        } catch (SQLException e) {
            if (!failing) {
                log.warn("WAL checkpoint ({}) failed: {}; further failures are not logged until one succeeds", mode, e.getMessage());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        checkpoint("TRUNCATE");
    }
}
