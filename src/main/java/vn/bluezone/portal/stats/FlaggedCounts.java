package vn.bluezone.portal.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import vn.bluezone.portal.events.ImpressionFlag;
import vn.bluezone.portal.events.ImpressionKind;

/**
 * A venue's flagged impressions over a period: recorded because their page was served, but not part of the venue's
 * figures (from outside the gateway's source addresses, or beyond a device's or an address's counting limit).
 *
 * @param byKind how many of each kind
 * @param byReason how many for each reason (never {@link ImpressionFlag#NONE})
 */
public record FlaggedCounts(ImpressionCounts byKind, Map<ImpressionFlag, Long> byReason) {
    public static final FlaggedCounts NONE = new FlaggedCounts(ImpressionCounts.NONE, Map.of());

    public FlaggedCounts {
        EnumMap<ImpressionFlag, Long> reasons = new EnumMap<>(ImpressionFlag.class);
        reasons.putAll(byReason);
        byReason = Collections.unmodifiableMap(reasons);
    }

    public long total() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** These counts with {@code count} more of {@code kind}, flagged for {@code reason}. */
    public FlaggedCounts plus(ImpressionKind kind, ImpressionFlag reason, long count) {
        EnumMap<ImpressionFlag, Long> reasons = new EnumMap<>(ImpressionFlag.class);
        reasons.putAll(byReason);
        reasons.merge(reason, count, Long::sum);
        return new FlaggedCounts(byKind.plus(kind, count), reasons);
    }
}
