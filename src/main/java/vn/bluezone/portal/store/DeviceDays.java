package vn.bluezone.portal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The devices a batch has seen at each venue on each local day ({@code device_day}, unique devices per day), less those
 * the writer already stored in a recent batch: a phone is usually seen several times a day (notice shown, Continue,
 * returning passes), and each row skipped is an index lookup the database does not make. Rows stored by another node
 * are not known here; the database ignores them as before. A row is remembered only once its batch has committed.
 * Skipping a remembered row stays right after the retention job has deleted it: its day's count is kept apart.
 * Used by the one writer thread only; the oldest rows are forgotten first (a plain map in insertion order: a cache
 * with its own bookkeeping cost the writer more than it saved).
 */
public final class DeviceDays {
    /** About 25 MB of heap at most: a busy node's devices of the last hours. */
    private static final int REMEMBERED = 100_000;

    /** A device seen at a venue on a local day (yyyy-mm-dd). */
    public record DeviceDay(String venue, String day, String deviceKey) {
        static final Comparator<DeviceDay> ORDER = Comparator.comparing(DeviceDay::venue).thenComparing(DeviceDay::day)
                .thenComparing(DeviceDay::deviceKey);
    }

    private final Map<DeviceDay, Boolean> stored;
    private final Set<DeviceDay> pending = new LinkedHashSet<>();

    public DeviceDays() {
        this(REMEMBERED);
    }

    DeviceDays(int remembered) {
        this.stored = new LinkedHashMap<>(remembered * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DeviceDay, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** Starts a batch: forgets what a batch that did not commit had seen. */
    public void beginBatch() {
        pending.clear();
    }

    public void seen(String venue, String day, String deviceKey) {
        DeviceDay d = new DeviceDay(venue, day, deviceKey);
        if (!stored.containsKey(d)) {
            pending.add(d);
        }
    }

    /** The batch's rows not known to be stored, in key order (nodes writing the same rows lock them in one order). */
    public List<DeviceDay> toWrite() {
        List<DeviceDay> rows = new ArrayList<>(pending);
        rows.sort(DeviceDay.ORDER);
        return rows;
    }

    /** The batch has committed: its rows are stored. */
    public void committed() {
        pending.forEach(d -> stored.put(d, Boolean.TRUE));
        pending.clear();
    }
}
