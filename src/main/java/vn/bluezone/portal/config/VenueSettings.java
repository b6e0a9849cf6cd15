package vn.bluezone.portal.config;

import java.time.ZoneId;

/**
 * A place with public Wi-Fi whose impressions are counted together.
 *
 * @param code short stable identifier used in URLs and statistics ({@code [a-z0-9-]})
 * @param name display name
 * @param timeZone the zone its days are counted in
 */
public record VenueSettings(String code, String name, ZoneId timeZone) {
}
