package vn.bluezone.portal.config;

import java.time.Duration;
import java.util.List;

/**
 * One hotspot gateway that sends visitors to the portal.
 *
 * @param id identifier, also part of the gateway's URL on the portal ({@code /opennds/<id>/})
 * @param kind which protocol it speaks
 * @param venue code of the venue it serves
 * @param openNds openNDS settings, present only when {@code kind} is {@link Kind#OPENNDS}
 * @param coova CoovaChilli settings, present only when {@code kind} is {@link Kind#COOVA}
 * @param mikrotik MikroTik settings, present only when {@code kind} is {@link Kind#MIKROTIK}
 * @param meraki Meraki-style click-through settings, present only when {@code kind} is {@link Kind#MERAKI}
 * @param pfsense pfSense settings, present only when {@code kind} is {@link Kind#PFSENSE}
 * @param generic generic gateway settings, present only when {@code kind} is {@link Kind#GENERIC}
 * @param userPortalUrl where a captive client of this gateway starts, for the RFC 8908 API's
 *     {@code user-portal-url}; empty = not announced
 * @param sourceAddresses the IP addresses and CIDR blocks this gateway's visitors reach the portal from; impressions
 *     from any other source are flagged, not counted. Empty = not checked
 */
public record GatewaySettings(String id, Kind kind, String venue, OpenNdsSettings openNds, CoovaSettings coova,
        MikrotikSettings mikrotik, MerakiSettings meraki, PfsenseSettings pfsense, GenericSettings generic, String userPortalUrl,
        List<String> sourceAddresses) {

    public GatewaySettings {
        userPortalUrl = userPortalUrl == null ? "" : userPortalUrl;
        sourceAddresses = sourceAddresses == null ? List.of() : List.copyOf(sourceAddresses);
    }

    /** A gateway whose visitors' source addresses are not checked. */
    public GatewaySettings(String id, Kind kind, String venue, OpenNdsSettings openNds, CoovaSettings coova,
            MikrotikSettings mikrotik, MerakiSettings meraki, PfsenseSettings pfsense, GenericSettings generic, String userPortalUrl) {
        this(id, kind, venue, openNds, coova, mikrotik, meraki, pfsense, generic, userPortalUrl, List.of());
    }

    /** A gateway that announces no user portal URL. */
    public GatewaySettings(String id, Kind kind, String venue, OpenNdsSettings openNds, CoovaSettings coova,
            MikrotikSettings mikrotik, MerakiSettings meraki, PfsenseSettings pfsense, GenericSettings generic) {
        this(id, kind, venue, openNds, coova, mikrotik, meraki, pfsense, generic, "");
    }

    /** A gateway of any kind but {@link Kind#GENERIC} that announces no user portal URL. */
    public GatewaySettings(String id, Kind kind, String venue, OpenNdsSettings openNds, CoovaSettings coova,
            MikrotikSettings mikrotik, MerakiSettings meraki, PfsenseSettings pfsense) {
        this(id, kind, venue, openNds, coova, mikrotik, meraki, pfsense, null, "");
    }

    public enum Kind {
        /** A visitor opening the portal directly: the demo venue, or a page shown without a gateway. */
        DEMO,
        /** openNDS Forward Authentication Service, levels 0 to 4. */
        OPENNDS,
        /** CoovaChilli UAM: the visitor logs in at the gateway, which asks the portal's RADIUS server. */
        COOVA,
        /** MikroTik RouterOS hotspot with an external login page; RouterOS asks the portal's RADIUS server. */
        MIKROTIK,
        /** Meraki-style click-through: the browser calls the cloud's grant URL. */
        MERAKI,
        /** pfSense captive portal: the browser posts a login to pfSense, which asks the portal's RADIUS server. */
        PFSENSE,
        /** Any other gateway, through a small script: signed arrival, then the script redeems the grant token over HTTP. */
        GENERIC;

        /** Whether the gateway logs visitors in by asking the portal's RADIUS server. */
        public boolean logsInThroughRadius() {
            return this == COOVA || this == MIKROTIK || this == PFSENSE;
        }
    }

    /**
     * @param grantDomain the domain {@code base_grant_url} must be on (https only)
     * @param duration how long the cloud lets a device online after the notice ({@code duration})
     */
    public record MerakiSettings(String grantDomain, Duration duration) {
    }

    /**
     * @param secret signs the gateway's arrivals (HMAC-SHA256) and authenticates its redeem calls (never logged)
     * @param loginUrl if set, the only login address ({@code scheme://host:port/path}) visitors may be sent to;
     *     otherwise any http(s) URL on a private-range IPv4 address
     */
    public record GenericSettings(String secret, String loginUrl) {
        @Override
        public String toString() {
            return "GenericSettings[secret=(hidden), loginUrl=" + loginUrl + "]";
        }
    }

    /**
     * @param portalAddress if set, the only host {@code portal_action} may point at; otherwise any
     *     private-range IPv4 address is accepted
     */
    public record PfsenseSettings(String portalAddress) {
    }

    /**
     * @param hotspotAddress if set, the only host {@code link-login-only} may point at (the hotspot's
     *     address, e.g. 10.5.50.1); otherwise any private-range IPv4 address is accepted
     */
    public record MikrotikSettings(String hotspotAddress) {
    }

    /**
     * @param uamsecret chilli's {@code uamsecret}: checks the redirect's {@code md} and hashes the challenge (never logged)
     * @param uamAddress if set, the only {@code uamip:uamport} visitors may be sent back to; otherwise any
     *     private-range IPv4 address is accepted
     */
    public record CoovaSettings(String uamsecret, String uamAddress) {
        @Override
        public String toString() {
            return "CoovaSettings[uamsecret=(hidden), uamAddress=" + uamAddress + "]";
        }
    }

    /**
     * @param faskey the pre-shared key set as {@code faskey} on the gateway (never logged; unused at level 0)
     * @param level the gateway's {@code fas_secure_enabled}: 0 = clear token, 1 = base64, 2 = AES, 3 = AES over
     *     https with authmon, 4 = base64 over https with authmon. Redirects of any other level are refused.
     * @param gatewayName if set, arrivals must carry this {@code gatewayname} (before openNDS's " Node:" suffix)
     * @param gatewayAddress if set, the only {@code gatewayaddress} (ip:port) visitors may be sent back to;
     *     otherwise any private-range IPv4 address is accepted
     */
    public record OpenNdsSettings(String faskey, int level, String gatewayName, String gatewayAddress) {
        public OpenNdsSettings {
            if (level < 0 || level > 4) {
                throw new IllegalArgumentException("openNDS level must be 0 to 4, got " + level);
            }
        }

        /** Levels 2 and 3 encrypt the payload with the faskey. */
        public boolean encrypted() {
            return level == 2 || level == 3;
        }

        /** Levels 3 and 4: the gateway's authmon fetches the clients to let in; the browser never goes back to it. */
        public boolean authmon() {
            return level >= 3;
        }

        @Override
        public String toString() {
            return "OpenNdsSettings[faskey=(hidden), level=" + level + ", gatewayName=" + gatewayName
                    + ", gatewayAddress=" + gatewayAddress + "]";
        }
    }
}
