package vn.bluezone.portal.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.BatchId;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.store.DeviceDays;
import vn.bluezone.portal.store.ImpressionRollups;
import vn.bluezone.portal.store.LocalDays;
import vn.bluezone.portal.store.SqlFlaggedImpressions;

/**
 * Events in SQLite: impressions, grant redemptions, queued grants and accounting. Appends come from the single writer
 * thread over one long-lived connection with reused prepared statements; each batch also adds its
 * impressions to the roll-ups ({@link ImpressionRollups}) and, for the Wi-Fi kinds (not poster or signage scans), to
 * the devices seen per venue and day not stored by a recent batch ({@link DeviceDays}; a trigger keeps the per-day count), and its acknowledgements to the devices'
 * last acknowledgement, in the same transaction; flagged impressions go to their own roll-up instead
 * ({@link SqlFlaggedImpressions}); a batch replayed from a spool file also records its id ({@code applied_batch})
 * there, so it is applied once. Reads open their own connection (WAL lets them run beside writes).
 */
public final class SqliteEventStore implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteEventStore.class);
    private static final String COLUMN_LIST =
            "(at_ms, local_day, local_hour, venue, gateway, device_key, kind, platform, language, campaign, visit_nonce) VALUES ";
    private static final int COLUMNS = 11;
    private static final String VALUES_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Acknowledgements one by one: a replayed one is ignored, and the caller must know which. */
    private static final String INSERT_OR_IGNORE = "INSERT OR IGNORE INTO impression " + COLUMN_LIST;
    private static final String INSERT = "INSERT INTO impression " + COLUMN_LIST;
    /** Other impressions in statements of this many rows (largest first): fewer statement runs per batch. */
    private static final int[] ROWS_PER_STATEMENT = {32, 8, 1};
    private static final String ADD_TO_DAILY = "INSERT INTO impression_daily "
            + "(venue, local_day, kind, platform, language, campaign, count) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (venue, local_day, kind, platform, language, campaign) DO UPDATE SET count = count + excluded.count";
    private static final String ADD_TO_HOUR_KIND = "INSERT INTO impression_hour_kind (venue, local_day, local_hour, kind, count) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (venue, local_day, local_hour, kind) DO UPDATE SET count = count + excluded.count";
    private static final String ADD_DEVICE_DAYS = "INSERT OR IGNORE INTO device_day (venue, local_day, device_key) VALUES ";
    private static final String DEVICE_DAY_ROW = "(?, ?, ?)";
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    /** Records a spooled batch as applied, unless it or a later one of its spool was: then no row changes. */
    private static final String MARK_APPLIED = "INSERT INTO applied_batch (spool, last_sequence) VALUES (?, ?) "
            + "ON CONFLICT (spool) DO UPDATE SET last_sequence = excluded.last_sequence "
            + "WHERE excluded.last_sequence > applied_batch.last_sequence";

    private final Database db;
    private Connection writeConnection;
    private PreparedStatement insertOne;
    private final Map<Integer, PreparedStatement> insertMany = new HashMap<>();
    private PreparedStatement addToDaily;
    private PreparedStatement addToHourKind;
    private PreparedStatement markApplied;
    private final Map<Integer, PreparedStatement> addDeviceDays = new HashMap<>();
    private SqliteAccessRows accessRows;
    private SqlFlaggedImpressions flaggedRows;
    private final DeviceDays deviceDays = new DeviceDays();
    /** Paces the writer's checkpoints (a monotonic timer, not a business clock). */
    private long lastCheckpointNanos = System.nanoTime();
    private final long checkpointEveryNanos;
    private boolean checkpointFailing;

    public SqliteEventStore(Database db) {
        this(db, CHECKPOINT_EVERY);
    }

    /** @param checkpointEvery how often the writer copies the write-ahead log into the database between batches */
    SqliteEventStore(Database db, Duration checkpointEvery) {
        this.db = db;
        this.checkpointEveryNanos = checkpointEvery.toNanos();
    }

    @Override
    public synchronized boolean[] append(List<? extends Event> batch) {
        try {
            openWriteConnection();
            boolean[] stored = write(batch);
            writeConnection.commit();
            deviceDays.committed();
            checkpointIfDue();
            return stored;
        } catch (SQLException e) {
            resetWriteConnection();
            throw new StoreUnavailableException("cannot store events: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<boolean[]> appendOnce(BatchId id, List<? extends Event> batch) {
        try {
            openWriteConnection();
            markApplied.setString(1, id.spool().toString());
            markApplied.setLong(2, id.sequence());
            if (markApplied.executeUpdate() == 0) {
                writeConnection.rollback();
                return Optional.empty();
            }
            boolean[] stored = write(batch);
            writeConnection.commit();
            deviceDays.committed();
            checkpointIfDue();
            return Optional.of(stored);
        } catch (SQLException e) {
            resetWriteConnection();
            throw new StoreUnavailableException("cannot store replayed events: " + e.getMessage(), e);
        }
    }

    /** Writes a batch into the open transaction; returns for each event whether it was stored. */
    private boolean[] write(List<? extends Event> batch) throws SQLException {
        boolean[] stored = new boolean[batch.size()];
        List<Impression> plain = new ArrayList<>(batch.size());
        ImpressionRollups rollups = new ImpressionRollups();
        deviceDays.beginBatch();
        for (int i = 0; i < batch.size(); i++) {
            Event event = batch.get(i);
            if (event instanceof Impression e && e.flagged()) {
                stored[i] = flaggedRows.add(e);
                if (stored[i] && e.visitNonce() != null) {
                    accessRows.acknowledged(e.deviceKey(), e.at().toEpochMilli());
                }
            } else if (event instanceof Impression e) {
                if (e.visitNonce() == null) {
                    plain.add(e);
                    stored[i] = true;
                } else {
                    bind(insertOne, 0, e);
                    stored[i] = !flaggedRows.acknowledgedApart(e.visitNonce()) && insertOne.executeUpdate() == 1;
                    if (stored[i]) {
                        accessRows.acknowledged(e.deviceKey(), e.at().toEpochMilli());
                    }
                }
                if (stored[i]) {
                    rollups.count(e, deviceDays);
                }
            } else if (event instanceof GrantRedemption g) {
                stored[i] = accessRows.redeem(g);
            } else if (event instanceof AccountingRecord r) {
                accessRows.account(r);
                stored[i] = true;
            } else if (event instanceof PolledGrant g) {
                accessRows.queue(g);
                stored[i] = true;
            }
        }
        insertPlain(plain);
        addToRollups(rollups);
        addDeviceDays(deviceDays.toWrite());
        flaggedRows.flush();
        return stored;
    }

    /**
     * Copies the write-ahead log into the database from the writer's own thread, between two batches, at most once a
     * second. Only a checkpoint that catches up with the last commit lets the next transaction start the log from its
     * beginning again; one run beside a writer that never pauses (the {@link WalCheckpointer}'s) never catches up,
     * and under steady load the log then grows without end (measured: 780 MB in 70 s at 18 000 pages/s).
     */
    private void checkpointIfDue() {
        long now = System.nanoTime();
        if (now - lastCheckpointNanos < checkpointEveryNanos) {
            return;
        }
        lastCheckpointNanos = now;
        // the batch is committed: a failing checkpoint (a full disk) must not report it as not stored
        try {
            writeConnection.setAutoCommit(true); // a checkpoint cannot run inside the connection's own transaction
            try (Statement checkpoint = writeConnection.createStatement()) {
                checkpoint.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } finally {
                writeConnection.setAutoCommit(false);
            }
            checkpointFailing = false;
        } catch (SQLException e) {
            if (!checkpointFailing) {
                log.warn("checkpoint after a batch failed (the batch is stored): {}", e.getMessage());
            }
            checkpointFailing = true;
            resetWriteConnection();
        }
    }

    /** Impressions that cannot be refused (no visit nonce), a few rows per statement. */
    private void insertPlain(List<Impression> plain) throws SQLException {
        int next = 0;
        for (int rows : ROWS_PER_STATEMENT) {
            PreparedStatement statement = insertMany.get(rows);
            while (plain.size() - next >= rows) {
                for (int r = 0; r < rows; r++) {
                    bind(statement, r * COLUMNS, plain.get(next + r));
                }
                statement.executeUpdate();
                next += rows;
            }
        }
    }

    /** Adds the batch's counts to the roll-ups. */
    private void addToRollups(ImpressionRollups rollups) throws SQLException {
        for (ImpressionRollups.Count<ImpressionRollups.DailyKey> row : rollups.daily()) {
            ImpressionRollups.DailyKey k = row.key();
            addToDaily.setString(1, k.venue());
            addToDaily.setString(2, k.day());
            addToDaily.setString(3, k.kind());
            addToDaily.setString(4, k.platform());
            addToDaily.setString(5, k.language());
            addToDaily.setString(6, k.campaign());
            addToDaily.setInt(7, row.count());
            addToDaily.executeUpdate();
        }
        for (ImpressionRollups.Count<ImpressionRollups.HourKindKey> row : rollups.hourKind()) {
            ImpressionRollups.HourKindKey k = row.key();
            addToHourKind.setString(1, k.venue());
            addToHourKind.setString(2, k.day());
            addToHourKind.setInt(3, k.hour());
            addToHourKind.setString(4, k.kind());
            addToHourKind.setInt(5, row.count());
            addToHourKind.executeUpdate();
        }
    }

    /** Devices of the batch not yet seen at their venue that day, a few rows per statement; the others are ignored. */
    private void addDeviceDays(List<DeviceDays.DeviceDay> devices) throws SQLException {
        int next = 0;
        for (int rows : ROWS_PER_STATEMENT) {
            PreparedStatement statement = addDeviceDays.get(rows);
            while (devices.size() - next >= rows) {
                for (int r = 0; r < rows; r++) {
                    DeviceDays.DeviceDay d = devices.get(next + r);
                    statement.setString(r * 3 + 1, d.venue());
                    statement.setString(r * 3 + 2, d.day());
                    statement.setString(r * 3 + 3, d.deviceKey());
                }
                statement.executeUpdate();
                next += rows;
            }
        }
    }

    private void openWriteConnection() throws SQLException {
        if (writeConnection == null) {
            writeConnection = db.connect();
            // checkpoints run on their own thread (WalCheckpointer), never behind a visitor's commit
            try (Statement pragma = writeConnection.createStatement()) {
                pragma.execute("PRAGMA wal_autocheckpoint=0");
            }
            writeConnection.setAutoCommit(false);
            insertOne = writeConnection.prepareStatement(INSERT_OR_IGNORE + VALUES_ROW);
            for (int rows : ROWS_PER_STATEMENT) {
                insertMany.put(rows, writeConnection.prepareStatement(INSERT + String.join(", ", Collections.nCopies(rows, VALUES_ROW))));
            }
            addToDaily = writeConnection.prepareStatement(ADD_TO_DAILY);
            addToHourKind = writeConnection.prepareStatement(ADD_TO_HOUR_KIND);
            markApplied = writeConnection.prepareStatement(MARK_APPLIED);
            for (int rows : ROWS_PER_STATEMENT) {
                addDeviceDays.put(rows, writeConnection.prepareStatement(
                        ADD_DEVICE_DAYS + String.join(", ", Collections.nCopies(rows, DEVICE_DAY_ROW))));
            }
            accessRows = new SqliteAccessRows(writeConnection);
            flaggedRows = new SqlFlaggedImpressions(writeConnection);
        }
    }

    /** Binds one row's values starting after parameter {@code offset}. */
    private static void bind(PreparedStatement s, int offset, Impression e) throws SQLException {
        s.setLong(offset + 1, e.at().toEpochMilli());
        s.setString(offset + 2, LocalDays.of(e.localTime()));
        s.setInt(offset + 3, e.localTime().getHour());
        s.setString(offset + 4, e.venue());
        s.setString(offset + 5, e.gateway());
        s.setString(offset + 6, e.deviceKey());
        s.setString(offset + 7, e.kind().code());
        s.setString(offset + 8, e.platform().code());
        s.setString(offset + 9, e.language());
        s.setString(offset + 10, e.campaign());
        s.setString(offset + 11, e.visitNonce());
    }

    private void resetWriteConnection() {
        try {
            if (writeConnection != null) {
                writeConnection.rollback();
                writeConnection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being discarded; a new one is opened for the next batch
        }
        writeConnection = null;
        insertOne = null;
        insertMany.clear();
        addToDaily = null;
        addToHourKind = null;
        markApplied = null;
        addDeviceDays.clear();
        accessRows = null;
        if (flaggedRows != null) {
            flaggedRows.discard();
        }
        flaggedRows = null;
    }

    @Override
    public List<DailyCount> countByDay(String venue, LocalDate from, LocalDate to) {
        String sql = "SELECT local_day, kind, SUM(count) FROM impression_daily "
                + "WHERE venue = ? AND local_day BETWEEN ? AND ? GROUP BY local_day, kind ORDER BY local_day, kind";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, venue);
            s.setString(2, from.toString());
            s.setString(3, to.toString());
            List<DailyCount> counts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DailyCount(LocalDate.parse(rs.getString(1)), ImpressionKind.fromCode(rs.getString(2)), rs.getLong(3)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read impression counts: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReachable() {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM impression LIMIT 1")) {
            rs.next();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the writer's connection. */
    public synchronized void close() {
        resetWriteConnection();
    }
}
