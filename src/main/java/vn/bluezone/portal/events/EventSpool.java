package vn.bluezone.portal.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, append-only file of event batches the store could not take, kept until they are replayed into it.
 *
 * <p>Format: a header ({@code BZSPOOL1}, then the file's random id, 16 bytes), then one record per batch: the
 * payload's length (4 bytes), a CRC-32C of the length and the payload (4 bytes), and the payload (the batch's
 * sequence number, 8 bytes; its number of events, 4 bytes; the events, {@link EventCodec}). All numbers big-endian.
 * Each record is written and forced to the disk before {@link #append} returns, so a batch it accepted survives
 * a crash of the process or the machine. A crash while appending can leave the last record incomplete: it was
 * never acknowledged, and {@link #open} drops it with a log line. A damaged record before the last (the disk
 * changed it) is skipped with an error, the records after it still replay.
 *
 * <p>The file exists only while it holds batches: it is created by the first append and deleted once every batch
 * in it has been replayed ({@link #deleteIfReplayed}). The next one gets a new id, so the store's record of
 * the batches it applied ({@link EventStore#appendOnce}) never mistakes one file for another.
 *
 * <p>Not thread-safe: used by the event writer's thread only; {@link #pendingBytes} and {@link #pendingBatches}
 * may be read from any thread.
 */
public final class EventSpool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventSpool.class);
    private static final byte[] MAGIC = "BZSPOOL1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + 16;
    static final int FRAME_BYTES = 8;
    /** A longer record is taken as damage: a batch of the largest configured size is far smaller. */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;

    /** A batch read back from the spool, and where the record after it starts. */
    public record SpooledBatch(BatchId id, List<Event> events, long end) {
    }

    private final Path file;
    private FileChannel channel;
    private UUID spoolId;
    private long nextSequence;
    /** Bytes of the file that hold whole records; appends go here. */
    private long size;
    /** Where the next record to replay starts. */
    private long cursor;
    private volatile long pendingBytes;
    private volatile int pendingBatches;
    /** A failed append could not be cut off again: nothing more is appended until the spool is opened anew. */
    private boolean broken;

    private EventSpool(Path file) {
        this.file = file;
    }

    /**
     * Opens the spool file if there is one (batches left by an earlier run, replayed next), dropping an
     * incomplete last record, or prepares to create it on the first append. Its folder is created now if it is
     * missing (a PostgreSQL node keeps nothing else there): a folder that cannot be made stops the start, not the
     * first outage.
     */
    public static EventSpool open(Path file) throws IOException {
        EventSpool spool = new EventSpool(file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            spool.scan();
        }
        return spool;
    }

    public Path file() {
        return file;
    }

    /** Bytes of batches not yet replayed (0 when there is no spool file). For the spool size gauge. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Batches not yet replayed. */
    public int pendingBatches() {
        return pendingBatches;
    }

    public boolean hasPending() {
        return channel != null && cursor < size;
    }

    private void scan() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = channel.size();
        byte[] header = new byte[HEADER_BYTES];
        if (length < HEADER_BYTES || !readFully(header, 0) || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            if (length >= HEADER_BYTES) {
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
                log.error("{} is not a spool file this portal can read; moved to {} and starting a new spool", file, aside);
                channel.close();
                channel = null;
                Files.move(file, aside);
                return;
            }
            log.warn("dropped the spool file {} ({} bytes): its header is incomplete, it was cut off while being created "
                    + "and held no acknowledged batch", file, length);
            deleteFile();
            return;
        }
        ByteBuffer id = ByteBuffer.wrap(header, MAGIC.length, 16);
        spoolId = new UUID(id.getLong(), id.getLong());
        long at = HEADER_BYTES;
        int batches = 0;
        long lastSequence = 0;
        while (at < length) {
            Frame frame = frameAt(at, length);
            if (frame.length < 0) {
                log.warn("dropped a torn last record in the spool file {} ({} bytes at offset {}): written while the portal "
                        + "stopped, it was never acknowledged", file, length - at, at);
                channel.truncate(at);
                channel.force(true);
                length = at;
                break;
            }
            if (frame.intact) {
                batches++;
                lastSequence = Math.max(lastSequence, sequenceOf(frame.payload));
            } else {
                log.error("the spool file {} has a damaged record at offset {} ({} bytes, checksum mismatch): its events "
                        + "cannot be replayed and are skipped; the records after it are replayed", file, at, frame.length);
            }
            at += FRAME_BYTES + frame.length;
        }
        size = length;
        cursor = HEADER_BYTES;
        nextSequence = lastSequence + 1;
        pendingBatches = batches;
        pendingBytes = size - cursor;
        if (batches > 0) {
            log.info("the spool file {} holds {} batches ({} bytes) from an earlier run: they are replayed into the store",
                    file, batches, size - HEADER_BYTES);
        }
    }

    /**
     * The record starting at {@code at}: length -1 if it is incomplete or its length impossible (the torn end of
     * the file); not intact if its checksum does not match, unless it is the file's last record (then torn).
     */
    private Frame frameAt(long at, long fileLength) throws IOException {
        if (fileLength - at < FRAME_BYTES) {
            return Frame.TORN;
        }
        byte[] head = new byte[FRAME_BYTES];
        if (!readFully(head, at)) {
            return Frame.TORN;
        }
        ByteBuffer h = ByteBuffer.wrap(head);
        int length = h.getInt();
        int crc = h.getInt();
        if (length < 12 || length > MAX_PAYLOAD_BYTES || at + FRAME_BYTES + length > fileLength) {
            return Frame.TORN;
        }
        byte[] payload = new byte[length];
        if (!readFully(payload, at + FRAME_BYTES)) {
            return Frame.TORN;
        }
        boolean intact = crc == checksum(length, payload);
        if (!intact && at + FRAME_BYTES + length == fileLength) {
            return Frame.TORN;
        }
        return new Frame(length, intact, payload);
    }

    private record Frame(int length, boolean intact, byte[] payload) {
        static final Frame TORN = new Frame(-1, false, null);
    }

    /**
     * Appends a batch and forces it to the disk.
     *
     * @return the id the batch is replayed under
     * @throws IOException if it could not be made durable (disk full, I/O error); the file is left as it was
     */
    public BatchId append(List<? extends Event> events) throws IOException {
        if (broken) {
            throw new IOException("the spool file " + file + " was left damaged by an earlier failed write");
        }
        boolean create = channel == null;
        UUID id = create ? UUID.randomUUID() : spoolId;
        long sequence = create ? 1 : nextSequence;
        byte[] payload = payload(sequence, events);
        ByteBuffer record = ByteBuffer.allocate((create ? HEADER_BYTES : 0) + FRAME_BYTES + payload.length);
        if (create) {
            record.put(MAGIC).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        record.putInt(payload.length).putInt(checksum(payload.length, payload)).put(payload).flip();
        if (create) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        long at = create ? 0 : size;
        try {
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
            channel.force(false);
            if (create) {
                forceFolder();
            }
        } catch (IOException e) {
            undo(create);
            throw e;
        }
        if (create) {
            spoolId = id;
            cursor = HEADER_BYTES;
        }
        size = at;
        nextSequence = sequence + 1;
        pendingBatches++;
        pendingBytes = size - cursor;
        return new BatchId(id, sequence);
    }

    /** Cuts a failed append off again (shrinking a file needs no free space). */
    private void undo(boolean created) {
        try {
            if (created) {
                deleteFile();
            } else {
                channel.truncate(size);
            }
        } catch (IOException e) {
            broken = true;
            log.error("could not cut a failed write off the spool file {}: {}; no more batches are spooled until restart", file,
                    e.toString());
        }
    }

    /**
     * The next batch to replay, skipping damaged records (with an error line); empty when every batch has been read.
     * The batch stays next until {@link #replayed} is called with it.
     */
    public Optional<SpooledBatch> next() throws IOException {
        while (hasPending()) {
            Frame frame = frameAt(cursor, size);
            if (frame.length < 0) {
                log.error("the spool file {} is damaged from offset {} ({} bytes): those events cannot be replayed", file, cursor,
                        size - cursor);
                skipTo(size, false);
                return Optional.empty();
            }
            long end = cursor + FRAME_BYTES + frame.length;
            if (!frame.intact) {
                log.error("skipping a damaged record in the spool file {} at offset {} ({} bytes, checksum mismatch): its events "
                        + "are lost", file, cursor, frame.length);
                skipTo(end, false);
                continue;
            }
            try {
                return Optional.of(batch(frame.payload, end));
            } catch (IOException e) {
                log.error("skipping an unreadable record in the spool file {} at offset {}: {}; its events are lost", file, cursor,
                        e.getMessage());
                skipTo(end, true);
            }
        }
        return Optional.empty();
    }

    /** The batch has been applied by the store (or found applied before): the next one is after it. */
    public void replayed(SpooledBatch batch) {
        skipTo(batch.end(), true);
    }

    /** @param counted whether the record passed was counted as a pending batch (its checksum matched) */
    private void skipTo(long end, boolean counted) {
        cursor = end;
        if (counted) {
            pendingBatches = Math.max(0, pendingBatches - 1);
        }
        pendingBytes = size - cursor;
    }

    /**
     * Deletes the file once every batch in it has been replayed; the next append starts a new one.
     *
     * @return whether the file was deleted
     */
    public boolean deleteIfReplayed() throws IOException {
        if (channel == null || hasPending()) {
            return false;
        }
        deleteFile();
        return true;
    }

    private void deleteFile() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        Files.deleteIfExists(file);
        forceFolder();
        spoolId = null;
        size = 0;
        cursor = 0;
        nextSequence = 1;
        pendingBatches = 0;
        pendingBytes = 0;
        broken = false;
    }

    /** Makes the creation or removal of the file itself durable. */
    private void forceFolder() throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private boolean readFully(byte[] into, long at) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into);
        long position = at;
        while (b.hasRemaining()) {
            int n = channel.read(b, position);
            if (n < 0) {
                return false;
            }
            position += n;
        }
        return true;
    }

    private static byte[] payload(long sequence, List<? extends Event> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 160);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(sequence);
        out.writeInt(events.size());
        for (Event e : events) {
            EventCodec.write(out, e);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private SpooledBatch batch(byte[] payload, long end) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long sequence = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > payload.length) {
            throw new IOException("a batch of " + count + " events");
        }
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(EventCodec.read(in));
        }
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes after the last event");
        }
        if (sequence < 1) {
            throw new IOException("sequence " + sequence);
        }
        return new SpooledBatch(new BatchId(spoolId, sequence), events, end);
    }

    private static long sequenceOf(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong();
    }

    private static int checksum(int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
