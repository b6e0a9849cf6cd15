package vn.bluezone.portal.events;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import vn.bluezone.portal.notice.Platform;

/**
 * Events as bytes in the spool file, field by field: a type byte, then the record's fields in declaration order.
 * Enums are written by name and strings as length-prefixed UTF-8, so the format does not change when a constant is
 * added. Changing a record's fields needs a new spool format version ({@link EventSpool}).
 */
final class EventCodec {
    private static final byte IMPRESSION = 1;
    private static final byte GRANT_REDEMPTION = 2;
    private static final byte ACCOUNTING_RECORD = 3;
    private static final byte POLLED_GRANT = 4;
    /** Longer strings are taken as damage: no field of an event comes near it. */
    private static final int MAX_STRING_BYTES = 1 << 20;

    private EventCodec() {
    }

    static void write(DataOutput out, Event event) throws IOException {
        if (event instanceof Impression e) {
            out.writeByte(IMPRESSION);
            instant(out, e.at());
            out.writeLong(e.localTime().toLocalDate().toEpochDay());
            out.writeLong(e.localTime().toLocalTime().toNanoOfDay());
            string(out, e.venue());
            string(out, e.gateway());
            string(out, e.deviceKey());
            string(out, e.kind().name());
            string(out, e.platform().name());
            string(out, e.language());
            string(out, e.campaign());
            out.writeBoolean(e.visitNonce() != null);
            if (e.visitNonce() != null) {
                string(out, e.visitNonce());
            }
            string(out, e.flag().name());
        } else if (event instanceof GrantRedemption g) {
            out.writeByte(GRANT_REDEMPTION);
            instant(out, g.at());
            string(out, g.nonce());
            string(out, g.venue());
            string(out, g.nas());
            string(out, g.deviceKey());
        } else if (event instanceof AccountingRecord r) {
            out.writeByte(ACCOUNTING_RECORD);
            instant(out, r.at());
            string(out, r.status().name());
            string(out, r.nas());
            string(out, r.nasAddress());
            string(out, r.venue());
            string(out, r.sessionId());
            string(out, r.deviceKey());
            out.writeLong(r.sessionSeconds());
            out.writeLong(r.inputOctets());
            out.writeLong(r.outputOctets());
            string(out, r.terminateCause());
        } else if (event instanceof PolledGrant p) {
            out.writeByte(POLLED_GRANT);
            instant(out, p.at());
            string(out, p.gateway());
            string(out, p.poller());
            string(out, p.key());
            string(out, p.line());
            instant(out, p.expiresAt());
        }
    }

    /** @throws IOException if the bytes are not an event this codec wrote (damage) */
    static Event read(DataInput in) throws IOException {
        byte type = in.readByte();
        try {
            return switch (type) {
                case IMPRESSION -> new Impression(instant(in),
                        LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong())),
                        string(in), string(in), string(in), ImpressionKind.valueOf(string(in)), Platform.valueOf(string(in)),
                        string(in), string(in), in.readBoolean() ? string(in) : null, ImpressionFlag.valueOf(string(in)));
                case GRANT_REDEMPTION -> new GrantRedemption(instant(in), string(in), string(in), string(in), string(in));
                case ACCOUNTING_RECORD -> new AccountingRecord(instant(in), AccountingRecord.Status.valueOf(string(in)), string(in),
                        string(in), string(in), string(in), string(in), in.readLong(), in.readLong(), in.readLong(), string(in));
                case POLLED_GRANT -> new PolledGrant(instant(in), string(in), string(in), string(in), string(in), instant(in));
                default -> throw new IOException("unknown event type " + type);
            };
        } catch (RuntimeException e) {
            // a value no event can have (an unknown enum name, an impossible date): damage the checksum missed
            throw new IOException("not an event: " + e.getMessage(), e);
        }
    }

    private static void instant(DataOutput out, Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant instant(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void string(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IOException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
