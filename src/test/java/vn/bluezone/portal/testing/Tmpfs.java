package vn.bluezone.portal.testing;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A small tmpfs the test mounts (root only), to run out of disk space for real: {@link #fill} writes a file until
 * the kernel says "No space left on device", {@link #free} deletes it again.
 */
public final class Tmpfs implements AutoCloseable {
    private static final int SMALLEST_PIECE = 1024;

    private final Path mountPoint;
    private final Path filler;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Whether this process may mount file systems (runs as root). */
    public static boolean canMount() {
        try {
            return Shell.run(Duration.ofSeconds(5), "id", "-u").output().strip().equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (created if missing). */
    public static Tmpfs mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Shell.Result r = Shell.run(Duration.ofSeconds(10), "mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs",
                mountPoint.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("cannot mount a tmpfs at " + mountPoint + ": " + r.output());
        }
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /**
     * Takes every free byte: writes until the file system is full, in ever smaller pieces, and again while it still
     * reports room. Called again while a test waits, it takes back space given back meanwhile: a program whose writes
     * fail may delete or truncate files of its own (SQLite removes its write-ahead log when its last connection
     * closes), and a test that wants the disk to stay full must not let that space be used. On a full disk it only
     * asks the file system how much is free.
     */
    public void fill() throws IOException {
        for (int attempt = 0; attempt < 5 && freeBytes() >= SMALLEST_PIECE; attempt++) {
            try (FileOutputStream out = new FileOutputStream(filler.toFile(), true)) {
                for (int piece = 1 << 20; piece >= SMALLEST_PIECE; piece /= 4) {
                    byte[] zeros = new byte[piece];
                    try {
                        while (true) {
                            out.write(zeros);
                        }
                    } catch (IOException full) {
                        // no room for a piece this size: try smaller ones
                    }
                }
            }
        }
    }

    /** Gives the space back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    public long freeBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Unmounts (lazily, should a process still hold a file there). */
    @Override
    public void close() throws IOException, InterruptedException {
        Shell.run(Duration.ofSeconds(10), "umount", "-l", mountPoint.toString());
    }
}
