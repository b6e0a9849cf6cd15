package vn.bluezone.portal.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The portal's master secret. Purpose-specific keys are derived from it (device keys, visit seals, grant tokens), so
 * every node of a fleet must hold the same one: with the embedded store it is created on first start in the data
 * directory and kept there ({@link #loadOrCreate}); with PostgreSQL it is kept in the shared database, created by
 * whichever node starts first ({@code store/postgres}).
 */
public final class PortalSecrets {
    public static final String FILE_NAME = "portal-secret.key";

    private final byte[] master;

    private PortalSecrets(byte[] master) {
        this.master = master;
    }

    /** A master secret kept elsewhere (the shared database); at least 32 bytes. */
    public static PortalSecrets of(byte[] master) {
        if (master.length < 32) {
            throw new IllegalStateException("the portal's master secret holds fewer than 32 bytes of key");
        }
        return new PortalSecrets(master.clone());
    }

    /** 32 new random bytes for a master secret. */
    public static byte[] newMaster() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public static PortalSecrets loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] master = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (master.length < 32) {
                throw new IllegalStateException(file + " holds fewer than 32 bytes of key; delete it to create a new one");
            }
            return new PortalSecrets(master);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = newMaster();
        // a temp file of its own: two processes starting at once on one data folder must not write the same one
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".new");
        Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions protect it
        }
        try {
            // a hard link appears whole and only if no file is there yet: of two processes racing, one key wins
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: its key is read
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A 32-byte key for one purpose; different purposes never share key material. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
