package vn.bluezone.portal.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.Event;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.GrantRedemption;
import vn.bluezone.portal.events.Impression;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;

/**
 * Events in PostgreSQL: impressions, grant redemptions, queued grants and accounting. Appends come from the single writer
 * thread over one long-lived pooled connection with statements prepared once; each batch is one transaction that also adds
 * its impressions to the hourly roll-up and to the devices seen per venue and day, and its acknowledgements to the devices'
 * last acknowledgement. Whatever the batch's size, each table takes one statement: the rows travel as arrays, one per
 * column, which {@code unnest} turns back into rows on the server (a round trip per table, not per event).
 *
 * <p>Several nodes write the same roll-up rows at once. Each batch writes them in one fixed order (sorted), so two nodes'
 * transactions never wait for each other in a circle; a deadlock the server still reports (one NAS's accounting through
 * two nodes) rolls the batch back, and it is tried again.
 */
public final class PostgresEventStore implements EventStore {
    private static final String COLUMN_LIST =
            "(at_ms, local_day, local_hour, venue, gateway, device_key, kind, platform, language, campaign, visit_nonce) ";
    private static final String ROWS = "SELECT * FROM unnest(?::bigint[], ?::date[], ?::smallint[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[])";
    /** Acknowledgements: a replayed one is ignored, and the caller must know which: the nonces that were stored come back. */
    private static final String INSERT_OR_IGNORE = "INSERT INTO impression " + COLUMN_LIST + ROWS
            + " ON CONFLICT (visit_nonce) WHERE visit_nonce IS NOT NULL DO NOTHING RETURNING visit_nonce";
    private static final String INSERT = "INSERT INTO impression " + COLUMN_LIST + ROWS;
    private static final String ADD_TO_HOURLY = "INSERT INTO impression_hourly AS h "
            + "(venue, local_day, local_hour, kind, platform, language, campaign, count) "
            + "SELECT * FROM unnest(?::text[], ?::date[], ?::smallint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) "
            + "ON CONFLICT (venue, local_day, local_hour, kind, platform, language, campaign) DO UPDATE SET count = h.count + excluded.count";
    private static final String ADD_DEVICE_DAYS = "INSERT INTO device_day (venue, local_day, device_key) "
            + "SELECT * FROM unnest(?::text[], ?::date[], ?::text[]) ON CONFLICT DO NOTHING";
    /** A batch that meets a deadlock or serialization failure is rolled back and written again, up to this many times in all. */
    private static final int ATTEMPTS = 3;

    /** The roll-up row an impression counts towards. */
    private record HourlyKey(String venue, String day, int hour, String kind, String platform, String language, String campaign) {
        static final Comparator<HourlyKey> ORDER = Comparator.comparing(HourlyKey::venue).thenComparing(HourlyKey::day)
                .thenComparingInt(HourlyKey::hour).thenComparing(HourlyKey::kind).thenComparing(HourlyKey::platform)
                .thenComparing(HourlyKey::language).thenComparing(HourlyKey::campaign);

        static HourlyKey of(Impression e, String day) {
            return new HourlyKey(e.venue(), day, e.localTime().getHour(), e.kind().code(), e.platform().code(), e.language(),
                    e.campaign());
        }
    }

    /** A device seen at a venue on a local day (unique devices per day). */
    private record DeviceDay(String venue, String day, String deviceKey) {
        static final Comparator<DeviceDay> ORDER = Comparator.comparing(DeviceDay::venue).thenComparing(DeviceDay::day)
                .thenComparing(DeviceDay::deviceKey);
    }

    private final Database db;
    private Connection writeConnection;
    private PreparedStatement insertOrIgnore;
    private PreparedStatement insert;
    private PreparedStatement addToHourly;
    private PreparedStatement addDeviceDays;
    private PostgresAccessRows accessRows;

    public PostgresEventStore(Database db) {
        this.db = db;
    }

    @Override
    public synchronized boolean[] append(List<? extends Event> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                openWriteConnection();
                boolean[] stored = write(batch);
                writeConnection.commit();
                return stored;
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isTransient(e) && rolledBack()) {
                    continue;
                }
                resetWriteConnection();
                throw new StoreUnavailableException("cannot store events: " + e.getMessage(), e);
            }
        }
    }

    /** Deadlock detected (40P01) or serialization failure (40001): the same batch may well succeed at once. */
    private static boolean isTransient(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private boolean rolledBack() {
        if (writeConnection == null || accessRows == null) {
            return false;
        }
        try {
            writeConnection.rollback();
            accessRows.discardPending();
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
            if (event instanceof Impression e) {
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
        Map<HourlyKey, Integer> hourly = new HashMap<>();
        Set<DeviceDay> devices = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (stored[i] && batch.get(i) instanceof Impression e) {
                String day = e.localTime().toLocalDate().toString();
                hourly.merge(HourlyKey.of(e, day), 1, Integer::sum);
                devices.add(new DeviceDay(e.venue(), day, e.deviceKey()));
            }
        }
        addToHourly(hourly);
        addDeviceDays(new ArrayList<>(devices));
        accessRows.writePending();
        return stored;
    }

    /**
     * Acknowledgements in one statement; those whose visit nonce is already stored (a replayed Continue, on any node) are
     * not. The first of the batch's events with a nonce is the one stored, as if they had come one by one.
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

    private void addToHourly(Map<HourlyKey, Integer> hourly) throws SQLException {
        if (hourly.isEmpty()) {
            return;
        }
        List<HourlyKey> keys = new ArrayList<>(hourly.keySet());
        keys.sort(HourlyKey.ORDER);
        addToHourly.setObject(1, keys.stream().map(HourlyKey::venue).toArray(String[]::new));
        addToHourly.setObject(2, keys.stream().map(HourlyKey::day).toArray(String[]::new));
        addToHourly.setObject(3, keys.stream().mapToInt(HourlyKey::hour).toArray());
        addToHourly.setObject(4, keys.stream().map(HourlyKey::kind).toArray(String[]::new));
        addToHourly.setObject(5, keys.stream().map(HourlyKey::platform).toArray(String[]::new));
        addToHourly.setObject(6, keys.stream().map(HourlyKey::language).toArray(String[]::new));
        addToHourly.setObject(7, keys.stream().map(HourlyKey::campaign).toArray(String[]::new));
        addToHourly.setObject(8, keys.stream().mapToLong(hourly::get).toArray());
        addToHourly.executeUpdate();
    }

    /** Devices of the batch not yet seen at their venue that day; the others are ignored. */
    private void addDeviceDays(List<DeviceDay> devices) throws SQLException {
        if (devices.isEmpty()) {
            return;
        }
        devices.sort(DeviceDay.ORDER);
        addDeviceDays.setObject(1, devices.stream().map(DeviceDay::venue).toArray(String[]::new));
        addDeviceDays.setObject(2, devices.stream().map(DeviceDay::day).toArray(String[]::new));
        addDeviceDays.setObject(3, devices.stream().map(DeviceDay::deviceKey).toArray(String[]::new));
        addDeviceDays.executeUpdate();
    }

    private void openWriteConnection() throws SQLException {
        if (writeConnection == null) {
            writeConnection = db.connect();
            writeConnection.setAutoCommit(false);
            insertOrIgnore = writeConnection.prepareStatement(INSERT_OR_IGNORE);
            insert = writeConnection.prepareStatement(INSERT);
            addToHourly = writeConnection.prepareStatement(ADD_TO_HOURLY);
            addDeviceDays = writeConnection.prepareStatement(ADD_DEVICE_DAYS);
            accessRows = new PostgresAccessRows(writeConnection);
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
                day[r] = e.localTime().toLocalDate().toString();
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
        addToHourly = null;
        addDeviceDays = null;
        accessRows = null;
    }

    @Override
    public List<DailyCount> countByDay(String venue, LocalDate from, LocalDate to) {
        String sql = "SELECT local_day, kind, SUM(count) FROM impression_hourly "
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

    @Override
    public boolean isReachable() {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM impression LIMIT 1")) {
            rs.next();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Gives the writer's connection back to the pool. */
    public synchronized void close() {
        resetWriteConnection();
    }
}
