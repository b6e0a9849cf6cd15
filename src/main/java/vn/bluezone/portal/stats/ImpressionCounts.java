package vn.bluezone.portal.stats;

import java.util.OptionalDouble;
import vn.bluezone.portal.events.ImpressionKind;

/**
 * Impressions of each kind in one cell of a table (a day, an hour, a platform, ...), and the two rates the
 * dashboard shows. Immutable.
 *
 * @param shown notice pages sent
 * @param acknowledged visitors who tapped Continue
 * @param storeClicks store buttons opened
 * @param returning devices let through without the notice (acknowledged within the reminder interval)
 * @param posterScans QR codes of printed posters scanned (counted, rate-limited per source address)
 * @param signageScans QR codes on signage screens scanned (counted, rate-limited per source address)
 */
public record ImpressionCounts(long shown, long acknowledged, long storeClicks, long returning, long posterScans, long signageScans) {
    public static final ImpressionCounts NONE = new ImpressionCounts(0, 0, 0, 0, 0, 0);

    /** Counts of the Wi-Fi notice only, no scans. */
    public ImpressionCounts(long shown, long acknowledged, long storeClicks, long returning) {
        this(shown, acknowledged, storeClicks, returning, 0, 0);
    }

    public long get(ImpressionKind kind) {
        return switch (kind) {
            case SHOWN -> shown;
            case ACKNOWLEDGED -> acknowledged;
            case STORE_CLICK -> storeClicks;
            case RETURNING -> returning;
            case POSTER_SCAN -> posterScans;
            case SIGNAGE_SCAN -> signageScans;
        };
    }

    /** These counts with {@code count} more of {@code kind}. */
    public ImpressionCounts plus(ImpressionKind kind, long count) {
        return new ImpressionCounts(
                shown + (kind == ImpressionKind.SHOWN ? count : 0),
                acknowledged + (kind == ImpressionKind.ACKNOWLEDGED ? count : 0),
                storeClicks + (kind == ImpressionKind.STORE_CLICK ? count : 0),
                returning + (kind == ImpressionKind.RETURNING ? count : 0),
                posterScans + (kind == ImpressionKind.POSTER_SCAN ? count : 0),
                signageScans + (kind == ImpressionKind.SIGNAGE_SCAN ? count : 0));
    }

    public ImpressionCounts plus(ImpressionCounts other) {
        return new ImpressionCounts(shown + other.shown, acknowledged + other.acknowledged, storeClicks + other.storeClicks,
                returning + other.returning, posterScans + other.posterScans, signageScans + other.signageScans);
    }

    /** Acknowledged / shown; empty when nothing was shown. */
    public OptionalDouble acknowledgementRate() {
        return ratio(acknowledged, shown);
    }

    /** Store clicks / acknowledged (the store buttons are on the pages after Continue too); empty when nothing was acknowledged. */
    public OptionalDouble storeClickThroughRate() {
        return ratio(storeClicks, acknowledged);
    }

    private static OptionalDouble ratio(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
