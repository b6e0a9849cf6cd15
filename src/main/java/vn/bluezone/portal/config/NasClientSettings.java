package vn.bluezone.portal.config;

/**
 * A NAS (hotspot gateway, access controller, or a RADIUS proxy) allowed to send requests.
 *
 * @param name short name used in logs and session records
 * @param address the source address (or CIDR block) its requests come from
 * @param secret the shared secret (never logged)
 * @param venue code of the venue its visitors are at
 * @param requireMessageAuthenticator refuse Access-Requests without a valid Message-Authenticator (BlastRADIUS);
 *     turn off only for a NAS that cannot send one
 * @param coaPort UDP port on the NAS for Disconnect-Request (RFC 5176), 0 = the NAS takes none
 */
public record NasClientSettings(String name, String address, String secret, String venue, boolean requireMessageAuthenticator,
        int coaPort) {

    @Override
    public String toString() {
        return "NasClientSettings[name=" + name + ", address=" + address + ", secret=(hidden), venue=" + venue
                + ", requireMessageAuthenticator=" + requireMessageAuthenticator + ", coaPort=" + coaPort + "]";
    }
}
