import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/** RADIUS packet pieces the load generators share (RadiusLoad, RadiusFlood, PortalMix): attributes, PAP hiding, reply checks. */
final class RadiusPackets {
    private RadiusPackets() {
    }

    static byte[] integer(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static void attribute(ByteBuffer p, int type, byte[] value) {
        p.put((byte) type).put((byte) (value.length + 2)).put(value);
    }

    /** Writes the length into the header and returns the packet's bytes. */
    static byte[] finish(ByteBuffer p) {
        int length = p.position();
        p.putShort(2, (short) length);
        return Arrays.copyOf(p.array(), length);
    }

    /** User-Password hidden as RFC 2865 section 5.2 says. */
    static byte[] hide(MessageDigest md5, byte[] secret, byte[] password, byte[] authenticator) {
        byte[] out = Arrays.copyOf(password, Math.max(16, (password.length + 15) / 16 * 16));
        byte[] previous = authenticator;
        for (int i = 0; i < out.length; i += 16) {
            md5.update(secret);
            md5.update(previous);
            byte[] b = md5.digest();
            for (int j = 0; j < 16; j++) {
                out[i + j] ^= b[j];
            }
            previous = Arrays.copyOfRange(out, i, i + 16);
        }
        return out;
    }

    /** Whether a reply's Response Authenticator is right for the request whose authenticator is given (RFC 2865 section 3). */
    static boolean replyAuthentic(MessageDigest md5, byte[] secret, byte[] reply, int length, byte[] requestAuthenticator) {
        int declared = ((reply[2] & 0xff) << 8) | (reply[3] & 0xff);
        if (declared < 20 || declared > length) {
            return false;
        }
        md5.update(reply, 0, 4);
        md5.update(requestAuthenticator);
        md5.update(reply, 20, declared - 20);
        md5.update(secret);
        return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(reply, 4, 20));
    }
}
