package vn.bluezone.portal.radius;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * A NAS for tests: builds RADIUS requests byte by byte (independently of the server's codec, except for
 * the signatures), sends them from its own UDP socket and waits for replies.
 */
final class TestNas implements AutoCloseable {
    private final DatagramSocket socket;
    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();

    TestNas(String bindAddress, String secret) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
        this.socket.setSoTimeout(2000);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A request being built: attributes in order, then {@link #accessRequest} or {@link #accountingRequest}. */
    static final class Attributes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Attributes add(int type, byte[] value) {
            out.write(type);
            out.write(value.length + 2);
            out.writeBytes(value);
            return this;
        }

        Attributes text(int type, String value) {
            return add(type, value.getBytes(StandardCharsets.UTF_8));
        }

        Attributes integer(int type, long value) {
            return add(type, new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static Attributes attributes() {
        return new Attributes();
    }

    /** Access-Request with a random authenticator, a PAP password hidden per RFC 2865 section 5.2, and Message-Authenticator if asked. */
    byte[] accessRequest(int identifier, Attributes attributes, String papPassword, boolean messageAuthenticator) {
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator);
        if (papPassword != null) {
            attributes.add(PacketShape.USER_PASSWORD, hidePassword(papPassword, authenticator));
        }
        byte[] attrs = attributes.bytes();
        byte[] packet;
        if (messageAuthenticator) {
            packet = header(1, identifier, 18 + attrs.length);
            packet[20] = (byte) PacketShape.MESSAGE_AUTHENTICATOR;
            packet[21] = 18;
            System.arraycopy(attrs, 0, packet, 38, attrs.length);
        } else {
            packet = header(1, identifier, attrs.length);
            System.arraycopy(attrs, 0, packet, 20, attrs.length);
        }
        System.arraycopy(authenticator, 0, packet, 4, 16);
        if (messageAuthenticator) {
            System.arraycopy(hmacMd5(packet), 0, packet, 22, 16);
        }
        return packet;
    }

    /** Accounting-Request with the RFC 2866 Request Authenticator. */
    byte[] accountingRequest(int identifier, Attributes attributes) {
        byte[] attrs = attributes.bytes();
        byte[] packet = header(4, identifier, attrs.length);
        System.arraycopy(attrs, 0, packet, 20, attrs.length);
        MessageDigest md5 = md5();
        md5.update(packet);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, packet, 4, 16);
        return packet;
    }

    private static byte[] header(int code, int identifier, int attributesLength) {
        int length = 20 + attributesLength;
        byte[] packet = new byte[length];
        packet[0] = (byte) code;
        packet[1] = (byte) identifier;
        packet[2] = (byte) (length >> 8);
        packet[3] = (byte) length;
        return packet;
    }

    private byte[] hidePassword(String password, byte[] authenticator) {
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(plain, Math.max(16, (plain.length + 15) / 16 * 16));
        byte[] previous = authenticator;
        for (int i = 0; i < padded.length; i += 16) {
            MessageDigest md5 = md5();
            md5.update(secret);
            md5.update(previous);
            byte[] b = md5.digest();
            for (int j = 0; j < 16; j++) {
                padded[i + j] ^= b[j];
            }
            previous = Arrays.copyOfRange(padded, i, i + 16);
        }
        return padded;
    }

    private byte[] hmacMd5(byte[] data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacMD5"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    void send(byte[] packet, int port) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }

    /** The next reply, if one comes within the socket timeout. */
    Optional<byte[]> receive() throws IOException {
        byte[] buffer = new byte[4096];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(in);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(buffer, in.getLength()));
    }

    Optional<byte[]> exchange(byte[] packet, int port) throws IOException {
        send(packet, port);
        return receive();
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Whether a reply is authentic for the request it answers. */
    boolean authentic(byte[] reply, byte[] request) {
        return PacketSigner.replyValid(reply, reply.length, Arrays.copyOfRange(request, 4, 20), secret);
    }

    @Override
    public void close() {
        socket.close();
    }
}
