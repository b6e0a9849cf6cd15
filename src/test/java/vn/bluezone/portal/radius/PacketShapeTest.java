package vn.bluezone.portal.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the structural check lets through to the decoder, and what it stops. */
class PacketShapeTest {
    private final TestNas.Attributes userName = TestNas.attributes().text(1, "AA-BB-CC-DD-EE-FF");

    private static byte[] packet(byte[] attributes) {
        byte[] p = new byte[20 + attributes.length];
        p[0] = 1;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        System.arraycopy(attributes, 0, p, 20, attributes.length);
        return p;
    }

    @Test
    void aWellFormedPacketPassesAndBytesBeyondItsLengthArePadding() {
        byte[] p = packet(userName.bytes());
        assertThat(PacketShape.check(p, p.length)).isEqualTo(p.length);
        byte[] padded = Arrays.copyOf(p, p.length + 10);
        assertThat(PacketShape.check(padded, padded.length)).isEqualTo(p.length);
    }

    @Test
    void truncatedOrOverlongPacketsAreMalformed() {
        byte[] p = packet(userName.bytes());
        assertThat(PacketShape.check(p, 19)).isEqualTo(-1);
        assertThat(PacketShape.check(p, p.length - 1)).as("shorter than its length field").isEqualTo(-1);
        p[3] = 10;
        assertThat(PacketShape.check(p, p.length)).as("length below the header").isEqualTo(-1);
        assertThat(PacketShape.check(new byte[5000], 5000)).isEqualTo(-1);
    }

    @Test
    void attributesThatOverrunOrHaveImpossibleLengthsAreMalformed() {
        assertThat(PacketShape.check(packet(new byte[] {1, 0}), 22)).as("length 0").isEqualTo(-1);
        assertThat(PacketShape.check(packet(new byte[] {1, 1, 65}), 23)).as("length 1").isEqualTo(-1);
        assertThat(PacketShape.check(packet(new byte[] {1, 9, 65, 66}), 24)).as("runs past the end").isEqualTo(-1);
        assertThat(PacketShape.check(packet(new byte[] {1}), 21)).as("half an attribute header").isEqualTo(-1);
    }

    @Test
    void aVendorSpecificAttributeWithAZeroLengthSubAttributeIsMalformed() {
        byte[] vsa = {26, 10, 0, 0, 0x3a, (byte) 0x8c, 8, 0, 0, 0};
        byte[] p = packet(vsa);
        assertThat(PacketShape.check(p, p.length)).isEqualTo(-1);
        byte[] good = {26, 10, 0, 0, 0x3a, (byte) 0x8c, 8, 4, 'a', 'b'};
        byte[] q = packet(good);
        assertThat(PacketShape.check(q, q.length)).isEqualTo(q.length);
    }

    @Test
    void passwordsAndAuthenticatorsMustHaveTheirLengthsAndAppearOnce() {
        assertThat(check(TestNas.attributes().add(2, new byte[17]))).as("User-Password not a multiple of 16").isEqualTo(-1);
        assertThat(check(TestNas.attributes().add(2, new byte[16]).add(2, new byte[16]))).as("two passwords").isEqualTo(-1);
        assertThat(check(TestNas.attributes().add(3, new byte[16]))).as("CHAP-Password without its identifier").isEqualTo(-1);
        assertThat(check(TestNas.attributes().add(80, new byte[15]))).isEqualTo(-1);
        assertThat(check(TestNas.attributes().add(80, new byte[16]).add(80, new byte[16]))).isEqualTo(-1);
        assertThat(check(TestNas.attributes().text(1, "a").text(1, "b"))).as("two User-Names").isEqualTo(-1);
        assertThat(check(TestNas.attributes().text(1, "a").add(2, new byte[16]).add(80, new byte[16]))).isPositive();
    }

    private static int check(TestNas.Attributes attributes) {
        byte[] p = packet(attributes.bytes());
        return PacketShape.check(p, p.length);
    }
}
