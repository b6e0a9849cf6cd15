package vn.bluezone.portal.access;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of a {@link Visit} before sealing: a version byte, then the fields in order (texts as
 * length-prefixed UTF-8, instants as epoch milliseconds). Compact, because the sealed visit appears
 * several times in every notice page. Version 2 added the client address; version 1 visits (sealed by
 * an older node, valid for {@code visit-lifetime}) still open, with no address.
 */
final class VisitCodec {
    private static final int VERSION = 2;
    private static final int VERSION_WITHOUT_ADDRESS = 1;
    private static final int MAX_GRANT_ENTRIES = 16;

    private VisitCodec() {
    }

    static byte[] encode(Visit visit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(visit.nonce());
            out.writeUTF(visit.gateway());
            out.writeUTF(visit.venue());
            out.writeUTF(visit.deviceKey());
            out.writeUTF(visit.clientAddress());
            out.writeUTF(visit.originUrl());
            out.writeByte(visit.grant().size());
            for (Map.Entry<String, String> e : visit.grant().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeLong(visit.issuedAt().toEpochMilli());
            out.writeLong(visit.expiresAt().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The visit, or an {@link IOException} if the bytes are not one (wrong version, truncated, trailing bytes). */
    static Visit decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int version = in.readUnsignedByte();
        if (version != VERSION && version != VERSION_WITHOUT_ADDRESS) {
            throw new IOException("unknown visit version");
        }
        String nonce = in.readUTF();
        String gateway = in.readUTF();
        String venue = in.readUTF();
        String deviceKey = in.readUTF();
        String clientAddress = version == VERSION ? in.readUTF() : "";
        String originUrl = in.readUTF();
        int entries = in.readUnsignedByte();
        if (entries > MAX_GRANT_ENTRIES) {
            throw new IOException("too many grant entries");
        }
        Map<String, String> grant = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            grant.put(in.readUTF(), in.readUTF());
        }
        Instant issuedAt = Instant.ofEpochMilli(in.readLong());
        Instant expiresAt = Instant.ofEpochMilli(in.readLong());
        if (in.available() != 0) {
            throw new IOException("trailing bytes after the visit");
        }
        return new Visit(nonce, gateway, venue, deviceKey, clientAddress, originUrl, grant, issuedAt, expiresAt);
    }
}
