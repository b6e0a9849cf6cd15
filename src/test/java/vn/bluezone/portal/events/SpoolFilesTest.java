package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFilesTest {
    @TempDir
    Path data;

    @Test
    void theFirstWriterKeepsTheOneWriterNameAndTheOthersAreNumbered() {
        assertThat(SpoolFiles.of(data, 0)).isEqualTo(data.resolve("events.spool"));
        assertThat(SpoolFiles.of(data, 2)).isEqualTo(data.resolve("events-2.spool"));
    }

    @Test
    void aNodeRestartedWithFewerWritersRunsEnoughToReplayEverySpoolFileLeft() throws Exception {
        assertThat(SpoolFiles.writersNeeded(data, 2)).as("nothing left over").isEqualTo(2);

        Files.writeString(SpoolFiles.of(data, 2), "");
        assertThat(SpoolFiles.writersNeeded(data, 1)).as("events-2 still to replay (events-1 was replayed)").isEqualTo(3);
        assertThat(SpoolFiles.writersNeeded(data, 4)).isEqualTo(4);
        assertThat(SpoolFiles.writersNeeded(data.resolve("not-yet-made"), 2)).isEqualTo(2);
    }
}
