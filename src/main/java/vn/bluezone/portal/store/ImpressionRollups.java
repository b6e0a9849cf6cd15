package vn.bluezone.portal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.bluezone.portal.events.Impression;

/**
 * A batch's impressions counted towards the two roll-ups the statistics read: per venue, local day, kind, platform,
 * language and campaign ({@code impression_daily}) and per venue, local day, hour and kind
 * ({@code impression_hour_kind}). Rows come out in key order, so writers on several nodes adding to the same rows
 * lock them in one order and never wait for each other in a circle.
 */
public final class ImpressionRollups {
    /** An {@code impression_daily} row. */
    public record DailyKey(String venue, String day, String kind, String platform, String language, String campaign) {
        static final Comparator<DailyKey> ORDER = Comparator.comparing(DailyKey::venue).thenComparing(DailyKey::day)
                .thenComparing(DailyKey::kind).thenComparing(DailyKey::platform).thenComparing(DailyKey::language)
                .thenComparing(DailyKey::campaign);
    }

    /** An {@code impression_hour_kind} row. */
    public record HourKindKey(String venue, String day, int hour, String kind) {
        static final Comparator<HourKindKey> ORDER = Comparator.comparing(HourKindKey::venue).thenComparing(HourKindKey::day)
                .thenComparingInt(HourKindKey::hour).thenComparing(HourKindKey::kind);
    }

    /** A roll-up row and what the batch adds to its count. */
    public record Count<K>(K key, int count) {
    }

    private final Map<DailyKey, Integer> daily = new HashMap<>();
    private final Map<HourKindKey, Integer> hourKind = new HashMap<>();

    /**
     * Counts a stored impression towards the roll-ups, and its device towards the devices seen at the venue that day:
     * for the Wi-Fi kinds only (a poster or signage scan's key is its source address, no Wi-Fi device).
     */
    public void count(Impression e, DeviceDays deviceDays) {
        String day = LocalDays.of(e.localTime());
        add(e, day);
        if (e.kind().onWifi()) {
            deviceDays.seen(e.venue(), day, e.deviceKey());
        }
    }

    private void add(Impression e, String day) {
        String kind = e.kind().code();
        daily.merge(new DailyKey(e.venue(), day, kind, e.platform().code(), e.language(), e.campaign()), 1, Integer::sum);
        hourKind.merge(new HourKindKey(e.venue(), day, e.localTime().getHour(), kind), 1, Integer::sum);
    }

    public boolean isEmpty() {
        return daily.isEmpty();
    }

    public List<Count<DailyKey>> daily() {
        return sorted(daily, DailyKey.ORDER);
    }

    public List<Count<HourKindKey>> hourKind() {
        return sorted(hourKind, HourKindKey.ORDER);
    }

    private static <K> List<Count<K>> sorted(Map<K, Integer> counts, Comparator<K> order) {
        List<Count<K>> rows = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> rows.add(new Count<>(k, n)));
        rows.sort(Comparator.comparing(Count::key, order));
        return rows;
    }
}
