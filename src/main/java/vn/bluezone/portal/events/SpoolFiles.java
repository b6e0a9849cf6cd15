package vn.bluezone.portal.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where each event writer of a node keeps its spool file, in the node's data folder. */
public final class SpoolFiles {
    private static final Pattern NUMBERED = Pattern.compile("events-([1-9][0-9]{0,3})\\.spool");

    private SpoolFiles() {
    }

    /** Writer {@code i}'s spool file; the first keeps the name a node with one writer has always used. */
    public static Path of(Path dataDir, int writer) {
        return dataDir.resolve(writer == 0 ? "events.spool" : "events-" + writer + ".spool");
    }

    /**
     * How many writers a node must run: the configured number, or more while spool files of a node that ran more are
     * still to be replayed (a writer replays only its own file). Events of a venue may then go through another writer
     * than before, which is harmless: those still spooled were all answered already.
     */
    public static int writersNeeded(Path dataDir, int configured) throws IOException {
        int needed = configured;
        if (!Files.isDirectory(dataDir)) {
            return needed;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = NUMBERED.matcher(file.getFileName().toString());
                if (m.matches()) {
                    needed = Math.max(needed, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        return needed;
    }
}
