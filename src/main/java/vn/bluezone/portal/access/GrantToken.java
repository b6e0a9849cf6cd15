package vn.bluezone.portal.access;

import java.time.Instant;

/**
 * A one-time login a gateway presents to the portal's RADIUS server on a visitor's behalf, once the
 * visitor has acknowledged the notice: the user name carries everything (signed), the password is derived
 * from the user name, so any portal node can check both, in PAP or CHAP, without shared state.
 *
 * @param userName what the NAS sends as User-Name
 * @param password what the NAS sends as User-Password (PAP) or hashes into CHAP-Password
 * @param nonce single-use identifier; its redemption is stored
 * @param expiresAt the NAS must present it before this
 * @param language the visitor's language, for messages the NAS may show
 */
public record GrantToken(String userName, String password, String nonce, Instant expiresAt, String language) {

    @Override
    public String toString() {
        return "GrantToken[nonce=" + nonce + ", expiresAt=" + expiresAt + ", language=" + language + "]";
    }
}
