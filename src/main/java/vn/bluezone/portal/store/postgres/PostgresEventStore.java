package vn.bluezone.portal.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import vn.bluezone.portal.store.DeviceDays;
import vn.bluezone.portal.store.ImpressionRollups;
import vn.bluezone.portal.store.LocalDays;
import vn.bluezone.portal.store.SqlFlaggedImpressions;

/**
 * Events in PostgreSQL: impressions, grant redemptions, queued grants and accounting. Appends come from the single writer
 * thread over one long-lived pooled connection with statements prepared once; each batch is one transaction that also adds
 * its impressions to the roll-ups ({@link ImpressionRollups}) and, for the Wi-Fi kinds (not poster or signage scans), to
 * the devices seen per venue and day not stored by a recent batch ({@link DeviceDays}; a trigger keeps the per-day count),
 * and its acknowledgements to the devices' last acknowledgement; flagged impressions go to their
 * own roll-up instead ({@link SqlFlaggedImpressions}); a batch replayed from a spool file also records its id
 * ({@code applied_batch}) there, so it is applied once. Whatever the batch's size, each table takes one statement: the rows travel as arrays, one per
 * column, which {@code unnest} turns back into rows on the server (a round trip per table, not per event).
 *
 * <p>Several nodes write the same roll-up rows at once. Each batch writes them in one fixed order (sorted), so two nodes'
 * transactions never wait for each other in a circle; a deadlock the server still reports (one NAS's accounting through
 * two nodes) rolls the batch back, and it is tried again.
 */
public final class PostgresEventStore implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final String COLUMN_LIST =
            "(at_ms, local_day, local_hour, venue, gateway, device_key, kind, platform, language, campaign, visit_nonce) ";
    private static final String ROWS = "SELECT * FROM unnest(?::bigint[], ?::date[], ?::smallint[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[])";
    /** Acknowledgements: a replayed one is ignored, and the caller must know which: the nonces that were stored come back. */
    private static final String INSERT_OR_IGNORE = "INSERT INTO impression " + COLUMN_LIST + ROWS
            + " AS r (at_ms, local_day, local_hour, venue, gateway, device_key, kind, platform, language, campaign, visit_nonce)"
            + " WHERE NOT EXISTS (SELECT 1 FROM flagged_acknowledgement f WHERE f.visit_nonce = r.visit_nonce)"
            + " ON CONFLICT (visit_nonce) WHERE visit_nonce IS NOT NULL DO NOTHING RETURNING visit_nonce";
    private static final String INSERT = "INSERT INTO impression " + COLUMN_LIST + ROWS;
    private static final String ADD_TO_DAILY = "INSERT INTO impression_daily AS d "
            + "(venue, local_day, kind, platform, language, campaign, count) "
            + "SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) "
            + "ON CONFLICT (venue, local_day, kind, platform, language, campaign) DO UPDATE SET count = d.count + excluded.count";
    private static final String ADD_TO_HOUR_KIND = "INSERT INTO impression_hour_kind AS h (venue, local_day, local_hour, kind, count) "
            + "SELECT * FROM unnest(?::text[], ?::date[], ?::smallint[], ?::text[], ?::bigint[]) "
            + "ON CONFLICT (venue, local_day, local_hour, kind) DO UPDATE SET count = h.count + excluded.count";
    /** The devices' per-day counts follow by a trigger (migration V7), in the same statement. */
    private static final String ADD_DEVICE_DAYS = "INSERT INTO device_day (venue, local_day, device_key) "
            + "SELECT * FROM unnest(?::text[], ?::date[], ?::text[]) ON CONFLICT DO NOTHING";
    /** Records a spooled batch as applied, unless it or a later one of its spool was: then no row changes. */
    private static final String MARK_APPLIED = "INSERT INTO applied_batch (spool, last_sequence) VALUES (?, ?) "
            + "ON CONFLICT (spool) DO UPDATE SET last_sequence = excluded.last_sequence "
            + "WHERE excluded.last_sequence > applied_batch.last_sequence";
    /** A batch that meets a deadlock or serialization failure is rolled back and written again, up to this many times in all. */
    private static final int ATTEMPTS = 3;

    private final PostgresDatabase db;
    private Connection writeConnection;
    private PreparedStatement insertOrIgnore;
    private PreparedStatement insert;
    private PreparedStatement addToDaily;
    private PreparedStatement addToHourKind;
    private PreparedStatement addDeviceDays;
    private PreparedStatement markApplied;
    private PostgresAccessRows accessRows;
    private SqlFlaggedImpressions flaggedRows;
    private final DeviceDays deviceDays = new DeviceDays();

    public PostgresEventStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public synchronized boolean[] append(List<? extends Event> batch) {
        return appendOnce(Optional.empty(), batch).orElseThrow();
    }

    @Override
    public synchronized Optional<boolean[]> appendOnce(BatchId id, List<? extends Event> batch) {
        return appendOnce(Optional.of(id), batch);
    }

    /** One transaction: the batch's id if it was replayed from a spool file (then at most once), and its events. */
    private Optional<boolean[]> appendOnce(Optional<BatchId> id, List<? extends Event> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                openWriteConnection();
                if (id.isPresent()) {
                    markApplied.setString(1, id.get().spool().toString());
                    markApplied.setLong(2, id.get().sequence());
                    if (markApplied.executeUpdate() == 0) {
                        writeConnection.rollback();
                        return Optional.empty();
                    }
                }
                boolean[] stored = write(batch);
                writeConnection.commit();
                deviceDays.committed();
                return Optional.of(stored);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isTransient(e) && rolledBack()) {
                    log.info("a batch of {} events met another writer ({}); it is written again", batch.size(), e.getMessage());
                    continue;
                }
                resetWriteConnection();
                throw new StoreUnavailableException("cannot store " + (id.isPresent() ? "replayed " : "") + "events: " + e.getMessage(), e);
            }
        }
    }

    /** Deadlock detected (40P01) or serialization failure (40001): the same batch may well succeed at once. */
    private static boolean isTransient(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private boolean rolledBack() {
        if (writeConnection == null || accessRows == null || flaggedRows == null) {
            return false;
        }
        try {
            writeConnection.rollback();
            accessRows.discardPending();
            flaggedRows.discard();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean[] write(List<? extends Event> batch) throws SQLException {
        boolean[] stored = new boolean[batch.size()];
        ImpressionRows plain = new ImpressionRows();
        ImpressionRows acknowledgements = new ImpressionRows();
        List<Integer> acknowledgementAt = new ArrayList<>();
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
                    acknowledgements.add(e);
                    acknowledgementAt.add(i);
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
        insertAcknowledgements(batch, acknowledgements, acknowledgementAt, stored);
        insertPlain(plain);
        ImpressionRollups rollups = new ImpressionRollups();
        deviceDays.beginBatch();
        for (int i = 0; i < batch.size(); i++) {
            if (stored[i] && batch.get(i) instanceof Impression e && !e.flagged()) {
                rollups.count(e, deviceDays);
            }
        }
        addToRollups(rollups);
        addDeviceDays(deviceDays.toWrite());
        flaggedRows.flush();
        accessRows.writePending();
        return stored;
    }

    /**
     * Acknowledgements in one statement; those whose visit nonce is already stored (a replayed Continue, on any node),
     * counted or flagged, are not. The first of the batch's events with a nonce is the one stored, as if they had come one by one.
     */
    private void insertAcknowledgements(List<? extends Event> batch, ImpressionRows rows, List<Integer> at, boolean[] stored)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        rows.bind(insertOrIgnore);
        Set<String> inserted = new HashSet<>();
        try (ResultSet rs = insertOrIgnore.executeQuery()) {
            while (rs.next()) {
                inserted.add(rs.getString(1));
            }
        }
        for (int i : at) {
            Impression e = (Impression) batch.get(i);
            stored[i] = inserted.remove(e.visitNonce());
            if (stored[i]) {
                accessRows.acknowledged(e.deviceKey(), e.at().toEpochMilli());
            }
        }
    }

    /** Impressions that cannot be refused (no visit nonce), in one statement. */
    private void insertPlain(ImpressionRows plain) throws SQLException {
        if (!plain.isEmpty()) {
            plain.bind(insert);
            insert.executeUpdate();
        }
    }

    /** Adds the batch's counts to the roll-ups, each in key order. */
    private void addToRollups(ImpressionRollups rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        List<ImpressionRollups.Count<ImpressionRollups.DailyKey>> days = rollups.daily();
        addToDaily.setObject(1, days.stream().map(c -> c.key().venue()).toArray(String[]::new));
        addToDaily.setObject(2, days.stream().map(c -> c.key().day()).toArray(String[]::new));
        addToDaily.setObject(3, days.stream().map(c -> c.key().kind()).toArray(String[]::new));
        addToDaily.setObject(4, days.stream().map(c -> c.key().platform()).toArray(String[]::new));
        addToDaily.setObject(5, days.stream().map(c -> c.key().language()).toArray(String[]::new));
        addToDaily.setObject(6, days.stream().map(c -> c.key().campaign()).toArray(String[]::new));
        addToDaily.setObject(7, days.stream().mapToLong(ImpressionRollups.Count::count).toArray());
        addToDaily.executeUpdate();
        List<ImpressionRollups.Count<ImpressionRollups.HourKindKey>> hours = rollups.hourKind();
        addToHourKind.setObject(1, hours.stream().map(c -> c.key().venue()).toArray(String[]::new));
        addToHourKind.setObject(2, hours.stream().map(c -> c.key().day()).toArray(String[]::new));
        addToHourKind.setObject(3, hours.stream().mapToInt(c -> c.key().hour()).toArray());
        addToHourKind.setObject(4, hours.stream().map(c -> c.key().kind()).toArray(String[]::new));
        addToHourKind.setObject(5, hours.stream().mapToLong(ImpressionRollups.Count::count).toArray());
        addToHourKind.executeUpdate();
    }

    /** Devices of the batch not yet seen at their venue that day; the others are ignored. */
    private void addDeviceDays(List<DeviceDays.DeviceDay> devices) throws SQLException {
        if (devices.isEmpty()) {
            return;
        }
        addDeviceDays.setObject(1, devices.stream().map(DeviceDays.DeviceDay::venue).toArray(String[]::new));
        addDeviceDays.setObject(2, devices.stream().map(DeviceDays.DeviceDay::day).toArray(String[]::new));
        addDeviceDays.setObject(3, devices.stream().map(DeviceDays.DeviceDay::deviceKey).toArray(String[]::new));
        addDeviceDays.executeUpdate();
    }

    private void openWriteConnection() throws SQLException {
        if (writeConnection == null) {
            writeConnection = db.connect();
            writeConnection.setAutoCommit(false);
            insertOrIgnore = writeConnection.prepareStatement(INSERT_OR_IGNORE);
            insert = writeConnection.prepareStatement(INSERT);
            addToDaily = writeConnection.prepareStatement(ADD_TO_DAILY);
            addToHourKind = writeConnection.prepareStatement(ADD_TO_HOUR_KIND);
            addDeviceDays = writeConnection.prepareStatement(ADD_DEVICE_DAYS);
            markApplied = writeConnection.prepareStatement(MARK_APPLIED);
            accessRows = new PostgresAccessRows(writeConnection);
            flaggedRows = new SqlFlaggedImpressions(writeConnection);
        }
    }

    /** Impressions as one array per column, in the order they were added. */
    private static final class ImpressionRows {
        private final List<Impression> rows = new ArrayList<>();

        void add(Impression e) {
            rows.add(e);
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void bind(PreparedStatement s) throws SQLException {
            int n = rows.size();
            long[] at = new long[n];
            String[] day = new String[n];
            int[] hour = new int[n];
            String[][] text = new String[8][n];
            for (int r = 0; r < n; r++) {
                Impression e = rows.get(r);
                at[r] = e.at().toEpochMilli();
                day[r] = LocalDays.of(e.localTime());
                hour[r] = e.localTime().getHour();
                text[0][r] = e.venue();
                text[1][r] = e.gateway();
                text[2][r] = e.deviceKey();
                text[3][r] = e.kind().code();
                text[4][r] = e.platform().code();
                text[5][r] = e.language();
                text[6][r] = e.campaign();
                text[7][r] = e.visitNonce();
            }
            s.setObject(1, at);
            s.setObject(2, day);
            s.setObject(3, hour);
            for (int c = 0; c < text.length; c++) {
                s.setObject(4 + c, text[c]);
            }
        }
    }

    private void resetWriteConnection() {
        try {
            if (writeConnection != null) {
                writeConnection.rollback();
                writeConnection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being discarded; a new one is taken from the pool for the next batch
        }
        writeConnection = null;
        insertOrIgnore = null;
        insert = null;
        addToDaily = null;
        addToHourKind = null;
        addDeviceDays = null;
        markApplied = null;
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
            s.setObject(2, from);
            s.setObject(3, to);
            List<DailyCount> counts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DailyCount(rs.getObject(1, LocalDate.class), ImpressionKind.fromCode(rs.getString(2)), rs.getLong(3)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read impression counts: " + e.getMessage(), e);
        }
    }

    /** Asks the server straight, within a second, not through the pool, which would wait its timeout for a server that is gone. */
    @Override
    public boolean isReachable() {
        return db.answers();
    }

    /** Gives the writer's connection back to the pool. */
    public synchronized void close() {
        resetWriteConnection();
    }
}
