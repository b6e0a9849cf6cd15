package vn.bluezone.portal.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A place with public Wi-Fi whose impressions are counted together.
 *
 * @param code short stable identifier used in URLs and statistics ({@code [a-z0-9-]})
 * @param name display name
 * @param timeZone the zone its days are counted in
 * @param remindEvery a device that acknowledged the notice less than this ago goes online without it
 * @param limits what a NAS is told about each session it lets online
 * @param infoUrl a page about the venue, for the RFC 8908 API's {@code venue-info-url}; empty = none
 * @param district the district (huyện, thị xã, thành phố) the authority's report groups it under; empty = not set
 * @param venueType what kind of place it is (bus station, market, hotel, ...) for the authority's report; empty = not set
 * @param languages the languages of its printed posters, first one largest (codes of the campaign's texts); empty = the
 *     campaign's default and fallback language
 */
public record VenueSettings(String code, String name, ZoneId timeZone, Duration remindEvery, SessionLimits limits, String infoUrl,
        String district, String venueType, List<String> languages) {

    public VenueSettings {
        infoUrl = infoUrl == null ? "" : infoUrl;
        district = district == null ? "" : district.strip();
        venueType = venueType == null ? "" : venueType.strip();
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** A venue whose posters are in the campaign's default and fallback language. */
    public VenueSettings(String code, String name, ZoneId timeZone, Duration remindEvery, SessionLimits limits, String infoUrl,
            String district, String venueType) {
        this(code, name, timeZone, remindEvery, limits, infoUrl, district, venueType, List.of());
    }

    /** A venue without district or type. */
    public VenueSettings(String code, String name, ZoneId timeZone, Duration remindEvery, SessionLimits limits, String infoUrl) {
        this(code, name, timeZone, remindEvery, limits, infoUrl, "", "");
    }

    /** A venue without an information page. */
    public VenueSettings(String code, String name, ZoneId timeZone, Duration remindEvery, SessionLimits limits) {
        this(code, name, timeZone, remindEvery, limits, "");
    }

    /** A venue with default reminder and session limits. */
    public VenueSettings(String code, String name, ZoneId timeZone) {
        this(code, name, timeZone, Duration.ofHours(24), SessionLimits.DEFAULT);
    }

    /** How long a visitor let online here is expected to stay: the session limit, or sooner the reminder interval. */
    public Duration accessLasts() {
        return limits.sessionTimeout().compareTo(remindEvery) < 0 ? limits.sessionTimeout() : remindEvery;
    }

    /**
     * Limits sent to the NAS in Access-Accept.
     *
     * @param sessionTimeout longest session (Session-Timeout); a session also ends when the notice is due again
     * @param idleTimeout a session idle this long ends (Idle-Timeout)
     * @param interimInterval how often the NAS reports a session (Acct-Interim-Interval)
     * @param uploadKbps upload limit in kbit/s, 0 = none
     * @param downloadKbps download limit in kbit/s, 0 = none
     * @param uploadQuotaMb the session ends after the device has sent this many MiB, 0 = no quota
     * @param downloadQuotaMb the session ends after the device has received this many MiB, 0 = no quota
     */
    public record SessionLimits(Duration sessionTimeout, Duration idleTimeout, Duration interimInterval, int uploadKbps, int downloadKbps,
            int uploadQuotaMb, int downloadQuotaMb) {
        public static final SessionLimits DEFAULT =
                new SessionLimits(Duration.ofHours(2), Duration.ofMinutes(15), Duration.ofMinutes(5), 0, 0, 0, 0);

        /** Largest quota: its octets must fit a RADIUS integer attribute. */
        public static final int MAX_QUOTA_MB = 2047;

        /** Limits without quotas. */
        public SessionLimits(Duration sessionTimeout, Duration idleTimeout, Duration interimInterval, int uploadKbps, int downloadKbps) {
            this(sessionTimeout, idleTimeout, interimInterval, uploadKbps, downloadKbps, 0, 0);
        }
    }
}
