package vn.bluezone.portal.radius;

import java.util.List;

/**
 * A decoded, authenticated request in the portal's own terms (the codec's types stay inside
 * {@link RadiusCodec}).
 *
 * @param code packet code (1 Access-Request, 4 Accounting-Request, 12 Status-Server)
 * @param identifier packet identifier
 * @param authenticator the 16-byte request authenticator
 * @param userName User-Name, or empty
 * @param callingStationId Calling-Station-Id (the device's MAC on hotspots), or empty
 * @param papPassword the decrypted User-Password, or null when the request has none
 * @param chapPassword CHAP-Password (identifier byte and 16-byte response), or null
 * @param chapChallenge CHAP-Challenge, or the request authenticator when the attribute is absent (RFC 2865 section 2.2)
 * @param proxyStates Proxy-State values in order, copied unchanged into the reply
 * @param accounting accounting attributes (for Accounting-Request), or null
 */
record RadiusRequest(
        int code,
        int identifier,
        byte[] authenticator,
        String userName,
        String callingStationId,
        String papPassword,
        byte[] chapPassword,
        byte[] chapChallenge,
        List<byte[]> proxyStates,
        Accounting accounting) {

    /**
     * @param statusType Acct-Status-Type (1 start, 2 stop, 3 interim, 7 on, 8 off)
     * @param sessionId Acct-Session-Id or empty
     * @param sessionSeconds Acct-Session-Time
     * @param inputOctets Acct-Input-Octets plus Acct-Input-Gigawords &lt;&lt; 32
     * @param outputOctets Acct-Output-Octets plus Acct-Output-Gigawords &lt;&lt; 32
     * @param terminateCause Acct-Terminate-Cause by name, or empty
     * @param delaySeconds Acct-Delay-Time
     */
    record Accounting(int statusType, String sessionId, long sessionSeconds, long inputOctets, long outputOctets,
            String terminateCause, long delaySeconds) {
    }
}
