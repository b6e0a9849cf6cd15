package vn.bluezone.portal.radius;

/**
 * Checks a datagram's structure before anything decodes it: header, every attribute's bounds, the
 * sub-attributes of Vendor-Specific attributes, and the fixed lengths of the attributes the portal
 * relies on. Hostile or broken packets stop here; the decoder behind it only ever sees well-formed ones.
 */
final class PacketShape {
    static final int HEADER = 20;
    /** RFC 2865 section 3: the largest RADIUS packet. */
    static final int MAX_LENGTH = 4096;

    static final int USER_NAME = 1;
    static final int USER_PASSWORD = 2;
    static final int CHAP_PASSWORD = 3;
    static final int VENDOR_SPECIFIC = 26;
    static final int CHAP_CHALLENGE = 60;
    static final int MESSAGE_AUTHENTICATOR = 80;

    private PacketShape() {
    }

    /**
     * @param packet the datagram
     * @param received how many bytes arrived
     * @return the packet's length (bytes after it are padding, RFC 2865 section 3), or -1 if it is malformed
     */
    static int check(byte[] packet, int received) {
        if (received < HEADER || received > MAX_LENGTH) {
            return -1;
        }
        int length = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        if (length < HEADER || length > received) {
            return -1;
        }
        int userNames = 0;
        int passwords = 0;
        int authenticators = 0;
        int at = HEADER;
        while (at < length) {
            if (at + 2 > length) {
                return -1;
            }
            int type = packet[at] & 0xff;
            int len = packet[at + 1] & 0xff;
            if (len < 2 || at + len > length) {
                return -1;
            }
            switch (type) {
                case USER_NAME -> {
                    if (len < 3 || ++userNames > 1) {
                        return -1;
                    }
                }
                case USER_PASSWORD -> {
                    int value = len - 2;
                    if (value < 16 || value > 128 || value % 16 != 0 || ++passwords > 1) {
                        return -1;
                    }
                }
                case CHAP_PASSWORD -> {
                    if (len != 19 || ++passwords > 1) {
                        return -1;
                    }
                }
                case CHAP_CHALLENGE -> {
                    if (len < 7) {
                        return -1;
                    }
                }
                case MESSAGE_AUTHENTICATOR -> {
                    if (len != 18 || ++authenticators > 1) {
                        return -1;
                    }
                }
                case VENDOR_SPECIFIC -> {
                    if (!vendorSpecificIsWellFormed(packet, at, len)) {
                        return -1;
                    }
                }
                default -> {
                    // other attributes: bounds checked above, typed lengths checked by the codec
                }
            }
            at += len;
        }
        return length;
    }

    /** Vendor id (4 bytes) and then sub-attributes in the RFC 2865 suggested format filling the value exactly. */
    private static boolean vendorSpecificIsWellFormed(byte[] packet, int at, int len) {
        if (len < 2 + 4 + 2) {
            return false;
        }
        int end = at + len;
        int sub = at + 6;
        while (sub < end) {
            if (sub + 2 > end) {
                return false;
            }
            int subLen = packet[sub + 1] & 0xff;
            if (subLen < 2 || sub + subLen > end) {
                return false;
            }
            sub += subLen;
        }
        return true;
    }

    /** Offset of the Message-Authenticator attribute's value, or -1 if there is none. */
    static int messageAuthenticatorAt(byte[] packet, int length) {
        int at = HEADER;
        while (at + 2 <= length) {
            int len = packet[at + 1] & 0xff;
            if ((packet[at] & 0xff) == MESSAGE_AUTHENTICATOR) {
                return at + 2;
            }
            at += Math.max(len, 2);
        }
        return -1;
    }
}
