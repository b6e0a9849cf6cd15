package vn.bluezone.portal.radius;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.attribute.IpAttribute;
import org.tinyradius.attribute.Ipv6Attribute;
import org.tinyradius.attribute.Ipv6PrefixAttribute;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.attribute.VendorSpecificAttribute;
import org.tinyradius.dictionary.AttributeType;
import org.tinyradius.dictionary.Dictionary;
import org.tinyradius.dictionary.DictionaryParser;
import org.tinyradius.dictionary.MemoryDictionary;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusException;

/**
 * The one place the TinyRadius library is used: its dictionary (the standard one plus the vendor
 * attributes in {@code radius/dictionary.vendors}), its request decoder (PAP decryption included) and its
 * attribute encoders. It only ever decodes packets {@link PacketShape} has passed and whose typed attributes
 * have the lengths their types need, and any failure inside it is a malformed packet, never a crash.
 */
final class RadiusCodec {
    static final int PROXY_STATE = 33;
    private static final int CALLING_STATION_ID = 31;

    private final Dictionary dictionary;

    RadiusCodec() {
        MemoryDictionary d = new MemoryDictionary();
        load(d, "/org/tinyradius/dictionary/default_dictionary");
        load(d, "/radius/dictionary.vendors");
        this.dictionary = d;
    }

    private static void load(MemoryDictionary d, String resource) {
        try (InputStream in = RadiusCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("RADIUS dictionary " + resource + " is missing");
            }
            DictionaryParser.parseDictionary(in, d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RADIUS dictionary " + resource, e);
        }
    }

    /** The packet could not be decoded; it is dropped and counted. */
    static final class MalformedPacketException extends Exception {
        MalformedPacketException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes a request that {@link PacketShape#check} accepted and whose signature was verified.
     *
     * @param length the packet length PacketShape returned
     */
    RadiusRequest decode(byte[] packet, int length, String secret) throws MalformedPacketException {
        checkTypedLengths(packet, length);
        RadiusPacket decoded;
        try {
            decoded = RadiusPacket.decodeRequestPacket(dictionary, new ByteArrayInputStream(packet, 0, length), secret);
        } catch (IOException | RadiusException | RuntimeException e) {
            throw new MalformedPacketException("undecodable " + (packet[0] & 0xff) + " packet: " + e.getMessage());
        }
        byte[] authenticator = Arrays.copyOfRange(packet, 4, 20);
        String pap = null;
        byte[] chap = null;
        byte[] challenge = null;
        if (decoded instanceof AccessRequest access) {
            if (AccessRequest.AUTH_PAP.equals(access.getAuthProtocol())) {
                pap = access.getUserPassword();
            } else {
                chap = bytes(decoded, PacketShape.CHAP_PASSWORD);
                challenge = bytes(decoded, PacketShape.CHAP_CHALLENGE);
                if (challenge == null) {
                    challenge = authenticator;
                }
            }
        }
        List<byte[]> proxyStates = new ArrayList<>();
        for (Object a : decoded.getAttributes(PROXY_STATE)) {
            proxyStates.add(((RadiusAttribute) a).getAttributeData());
        }
        return new RadiusRequest(decoded.getPacketType(), decoded.getPacketIdentifier(), authenticator,
                text(decoded, PacketShape.USER_NAME), text(decoded, CALLING_STATION_ID), pap, chap, challenge, proxyStates,
                decoded.getPacketType() == PacketSigner.CODE_ACCOUNTING_REQUEST ? accounting(decoded) : null);
    }

    private RadiusRequest.Accounting accounting(RadiusPacket p) {
        RadiusAttribute cause = p.getAttribute(49);
        return new RadiusRequest.Accounting(
                (int) unsigned(p, 40),
                text(p, 44),
                unsigned(p, 46),
                unsigned(p, 42) + (unsigned(p, 52) << 32),
                unsigned(p, 43) + (unsigned(p, 53) << 32),
                cause == null ? "" : cause.getAttributeValue(),
                unsigned(p, 41));
    }

    /**
     * Integer, address and prefix attributes the dictionary knows must have their type's length, or the
     * decoder would fail on (or misread) them. Vendor sub-attributes too.
     */
    private void checkTypedLengths(byte[] packet, int length) throws MalformedPacketException {
        int at = PacketShape.HEADER;
        while (at < length) {
            int type = packet[at] & 0xff;
            int len = packet[at + 1] & 0xff;
            if (type == PacketShape.VENDOR_SPECIFIC) {
                int vendor = ((packet[at + 2] & 0xff) << 24) | ((packet[at + 3] & 0xff) << 16) | ((packet[at + 4] & 0xff) << 8)
                        | (packet[at + 5] & 0xff);
                int sub = at + 6;
                while (sub < at + len) {
                    checkLength(dictionary.getAttributeTypeByCode(vendor, packet[sub] & 0xff), packet[sub + 1] & 0xff);
                    sub += packet[sub + 1] & 0xff;
                }
            } else {
                checkLength(dictionary.getAttributeTypeByCode(type), len);
            }
            at += len;
        }
    }

    private static void checkLength(AttributeType type, int len) throws MalformedPacketException {
        if (type == null) {
            return;
        }
        Class<?> kind = type.getAttributeClass();
        boolean ok;
        if (kind == IntegerAttribute.class || kind == IpAttribute.class) {
            ok = len == 6;
        } else if (kind == Ipv6Attribute.class) {
            ok = len == 18;
        } else if (kind == Ipv6PrefixAttribute.class) {
            ok = len >= 4 && len <= 20;
        } else {
            ok = true;
        }
        if (!ok) {
            throw new MalformedPacketException(type.getName() + " has length " + len);
        }
    }

    private static String text(RadiusPacket p, int type) {
        RadiusAttribute a = p.getAttribute(type);
        return a == null ? "" : new String(a.getAttributeData(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(RadiusPacket p, int type) {
        RadiusAttribute a = p.getAttribute(type);
        return a == null ? null : a.getAttributeData();
    }

    private static long unsigned(RadiusPacket p, int type) {
        RadiusAttribute a = p.getAttribute(type);
        return a instanceof IntegerAttribute i ? Integer.toUnsignedLong(i.getAttributeValueInt()) : 0;
    }

    /** Builds the attributes of a packet from dictionary names and values, in order. */
    final class Attributes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        /** A standard or vendor attribute by its dictionary name, value as the dictionary type reads it. */
        Attributes add(String name, String value) {
            AttributeType type = dictionary.getAttributeTypeByName(name);
            if (type == null) {
                throw new IllegalArgumentException("attribute " + name + " is not in the dictionary");
            }
            RadiusAttribute attribute = RadiusAttribute.createRadiusAttribute(dictionary, type.getVendorId(), type.getTypeCode());
            attribute.setAttributeValue(value);
            if (type.getVendorId() == -1) {
                out.writeBytes(attribute.writeAttribute());
            } else {
                VendorSpecificAttribute vsa = new VendorSpecificAttribute(type.getVendorId());
                vsa.setDictionary(dictionary);
                vsa.addSubAttribute(attribute);
                out.writeBytes(vsa.writeAttribute());
            }
            return this;
        }

        Attributes addRaw(int type, byte[] value) {
            out.writeBytes(new RadiusAttribute(type, value).writeAttribute());
            return this;
        }

        /** Text split over as many attributes as it needs (each holds at most 253 bytes). */
        Attributes addText(String name, String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int type = dictionary.getAttributeTypeByName(name).getTypeCode();
            for (int i = 0; i < utf8.length; i += 253) {
                addRaw(type, Arrays.copyOfRange(utf8, i, Math.min(utf8.length, i + 253)));
            }
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    Attributes attributes() {
        return new Attributes();
    }
}
