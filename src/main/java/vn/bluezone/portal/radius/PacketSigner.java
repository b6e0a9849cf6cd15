package vn.bluezone.portal.radius;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signatures of RADIUS: Message-Authenticator (HMAC-MD5, RFC 3579 section 3.2, RFC 5176) and
 * the MD5 authenticators of RFC 2865/2866/5176. Verification compares in constant time. Replies always
 * carry Message-Authenticator as their first attribute (BlastRADIUS, CVE-2024-3596).
 */
final class PacketSigner {
    static final int CODE_ACCESS_REQUEST = 1;
    static final int CODE_ACCOUNTING_REQUEST = 4;
    static final int CODE_ACCOUNTING_RESPONSE = 5;
    static final int CODE_STATUS_SERVER = 12;
    static final int CODE_DISCONNECT_REQUEST = 40;
    static final int CODE_COA_REQUEST = 43;

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    });
    private static final ThreadLocal<Mac> HMAC_MD5 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacMD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is missing from this JVM", e);
        }
    });

    private PacketSigner() {
    }

    /** Requests whose authenticator is computed, not random: their Message-Authenticator uses a zero authenticator. */
    private static boolean hasComputedAuthenticator(int code) {
        return code == CODE_ACCOUNTING_REQUEST || code == CODE_DISCONNECT_REQUEST || code == CODE_COA_REQUEST;
    }

    /** Whether the request's Message-Authenticator (value at {@code at}) is right for this secret. */
    static boolean messageAuthenticatorValid(byte[] packet, int length, int at, byte[] secret) {
        byte[] copy = Arrays.copyOf(packet, length);
        Arrays.fill(copy, at, at + 16, (byte) 0);
        if (hasComputedAuthenticator(packet[0] & 0xff)) {
            Arrays.fill(copy, 4, 20, (byte) 0);
        }
        byte[] expected = hmacMd5(secret, copy, length);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(packet, at, at + 16));
    }

    /** Whether an Accounting-Request's (or CoA/Disconnect-Request's) Request Authenticator is right for this secret. */
    static boolean requestAuthenticatorValid(byte[] packet, int length, byte[] secret) {
        MessageDigest md5 = MD5.get();
        md5.update(packet, 0, 4);
        md5.update(new byte[16]);
        md5.update(packet, 20, length - 20);
        md5.update(secret);
        return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(packet, 4, 20));
    }

    /**
     * A complete reply: Message-Authenticator first, then {@code attributes}, signed with the Response
     * Authenticator for the request's authenticator. As FreeRADIUS does, the Message-Authenticator of an
     * Accounting-Response is computed over a zero authenticator, unless it answers a Status-Server.
     */
    static byte[] reply(int code, int requestCode, int identifier, byte[] requestAuthenticator, byte[] attributes, byte[] secret) {
        byte[] out = withMessageAuthenticator(code, identifier, attributes);
        if (!(code == CODE_ACCOUNTING_RESPONSE && requestCode != CODE_STATUS_SERVER)) {
            System.arraycopy(requestAuthenticator, 0, out, 4, 16);
        }
        System.arraycopy(hmacMd5(secret, out, out.length), 0, out, 22, 16);
        System.arraycopy(requestAuthenticator, 0, out, 4, 16);
        MessageDigest md5 = MD5.get();
        md5.update(out);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, out, 4, 16);
        return out;
    }

    /** A complete request with a computed authenticator (Disconnect-Request, CoA-Request), Message-Authenticator first. */
    static byte[] computedRequest(int code, int identifier, byte[] attributes, byte[] secret) {
        byte[] out = withMessageAuthenticator(code, identifier, attributes);
        System.arraycopy(hmacMd5(secret, out, out.length), 0, out, 22, 16);
        MessageDigest md5 = MD5.get();
        md5.update(out);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, out, 4, 16);
        return out;
    }

    /**
     * Whether a reply to a request we sent is authentic: Response Authenticator and, if present,
     * Message-Authenticator (over a zero authenticator for Accounting-Response, as in {@link #reply}).
     */
    static boolean replyValid(byte[] reply, int length, byte[] requestAuthenticator, byte[] secret) {
        byte[] copy = Arrays.copyOf(reply, length);
        System.arraycopy(requestAuthenticator, 0, copy, 4, 16);
        MessageDigest md5 = MD5.get();
        md5.update(copy);
        md5.update(secret);
        if (!MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(reply, 4, 20))) {
            return false;
        }
        int at = PacketShape.messageAuthenticatorAt(copy, length);
        if (at < 0) {
            return true;
        }
        byte[] value = Arrays.copyOfRange(copy, at, at + 16);
        Arrays.fill(copy, at, at + 16, (byte) 0);
        if ((reply[0] & 0xff) == CODE_ACCOUNTING_RESPONSE) {
            Arrays.fill(copy, 4, 20, (byte) 0);
        }
        return MessageDigest.isEqual(hmacMd5(secret, copy, length), value);
    }

    private static byte[] withMessageAuthenticator(int code, int identifier, byte[] attributes) {
        int length = PacketShape.HEADER + 18 + attributes.length;
        if (length > PacketShape.MAX_LENGTH) {
            throw new IllegalArgumentException("RADIUS packet would be " + length + " bytes");
        }
        byte[] out = new byte[length];
        out[0] = (byte) code;
        out[1] = (byte) identifier;
        out[2] = (byte) (length >> 8);
        out[3] = (byte) length;
        out[20] = (byte) PacketShape.MESSAGE_AUTHENTICATOR;
        out[21] = 18;
        System.arraycopy(attributes, 0, out, 38, attributes.length);
        return out;
    }

    private static byte[] hmacMd5(byte[] secret, byte[] data, int length) {
        Mac mac = HMAC_MD5.get();
        try {
            mac.init(new SecretKeySpec(secret, "HmacMD5"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a RADIUS secret is not a usable HMAC key", e);
        }
        mac.update(data, 0, length);
        return mac.doFinal();
    }
}
