package vn.bluezone.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.testing.LogLines;

/** The spool file's format: what survives a crash, what is dropped, and in which order batches come back. */
class EventSpoolTest {
    private static final Instant AT = Instant.parse("2026-11-29T03:00:00.123456789Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("events.spool");
    }

    static Impression shown(String device) {
        return new Impression(AT, LocalDateTime.ofInstant(AT, ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw", device, ImpressionKind.SHOWN,
                Platform.IOS, "vi", "bluezone", null);
    }

    /** Every kind of event, with every optional field used and unused. */
    static List<Event> everyKind() {
        return List.of(
                shown("d1"),
                new Impression(AT, LocalDateTime.ofInstant(AT, ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw", "d2", ImpressionKind.ACKNOWLEDGED,
                        Platform.ANDROID, "zh", "bluezone", "visit-nonce"),
                new Impression(AT, LocalDateTime.ofInstant(AT, ZoneId.of("Asia/Ho_Chi_Minh")), "hue", "gw", "d5", ImpressionKind.SHOWN,
                        Platform.OTHER, "en", "bluezone", null, ImpressionFlag.OUTSIDE_GATEWAY_ADDRESSES),
                new GrantRedemption(AT, "grant-nonce", "hue", "hue-nas", "d2"),
                new AccountingRecord(AT, AccountingRecord.Status.STOP, "hue-nas", "10.0.0.1", "hue", "s-1", "d2", 600, 5_000_000_000L, 42,
                        "User-Request"),
                new AccountingRecord(AT, AccountingRecord.Status.NAS_ON, "hue-nas", "::1", "hue", "", "", 0, 0, 0, ""),
                new PolledGrant(AT, "gw3", "hash", "rhid", "* rhid 7200 0 0 0 0 Bến xe", AT.plusSeconds(600)));
    }

    private static List<List<Event>> replayAll(EventSpool spool) throws IOException {
        List<List<Event>> batches = new ArrayList<>();
        Optional<EventSpool.SpooledBatch> next;
        while ((next = spool.next()).isPresent()) {
            batches.add(next.get().events());
            spool.replayed(next.get());
        }
        return batches;
    }

    @Test
    void batchesComeBackWhole_inTheOrderTheyWereAppended_alsoAfterReopening() throws Exception {
        try (EventSpool spool = EventSpool.open(file())) {
            assertThat(spool.hasPending()).isFalse();
            assertThat(Files.exists(file())).as("no file until something is spooled").isFalse();
            BatchId first = spool.append(everyKind());
            BatchId second = spool.append(List.of(shown("d3")));
            assertThat(first.spool()).isEqualTo(second.spool());
            assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
            assertThat(spool.pendingBatches()).isEqualTo(2);
            assertThat(spool.pendingBytes()).isEqualTo(Files.size(file()) - EventSpool.HEADER_BYTES);
        }
        try (EventSpool reopened = EventSpool.open(file())) {
            assertThat(reopened.pendingBatches()).isEqualTo(2);
            BatchId third = reopened.append(List.of(shown("d4")));
            assertThat(third.sequence()).as("numbering goes on after a restart").isEqualTo(3);
            assertThat(replayAll(reopened)).containsExactly(everyKind(), List.of(shown("d3")), List.of(shown("d4")));
            assertThat(reopened.pendingBytes()).isZero();
        }
    }

    @Test
    void itsFolderIsMadeWhenTheSpoolIsOpened_notWhenTheStoreFirstFails() throws Exception {
        Path file = dir.resolve("data/events.spool");
        try (EventSpool spool = EventSpool.open(file)) {
            assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
            assertThat(Files.exists(file)).isFalse();
            spool.append(List.of(shown("d1")));
            assertThat(spool.pendingBatches()).isEqualTo(1);
        }
    }

    @Test
    void theFileIsDeletedOnceReplayed_andTheNextSpoolHasANewId() throws Exception {
        try (EventSpool spool = EventSpool.open(file())) {
            BatchId before = spool.append(List.of(shown("d1")));
            assertThat(spool.deleteIfReplayed()).as("not while a batch is pending").isFalse();
            replayAll(spool);
            assertThat(spool.deleteIfReplayed()).isTrue();
            assertThat(Files.exists(file())).isFalse();
            BatchId after = spool.append(List.of(shown("d2")));
            assertThat(after.spool()).isNotEqualTo(before.spool());
            assertThat(after.sequence()).isEqualTo(1);
        }
    }

    @Test
    void aTornLastRecordIsDroppedWithALogLine_andAppendsFollowTheLastWholeRecord() throws Exception {
        long whole;
        try (EventSpool spool = EventSpool.open(file())) {
            spool.append(List.of(shown("d1")));
            whole = Files.size(file());
            spool.append(everyKind());
        }
        for (long cut : new long[] {whole + 3, whole + EventSpool.FRAME_BYTES + 10, Files.size(file()) - 1}) {
            Path copy = dir.resolve("torn-" + cut);
            Files.copy(file(), copy);
            try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
                f.setLength(cut); // the crash hit while this record was being written
            }
            try (LogLines log = LogLines.of(EventSpool.class); EventSpool spool = EventSpool.open(copy)) {
                assertThat(log.all()).anyMatch(l -> l.startsWith("WARN dropped a torn last record") && l.contains("never acknowledged"));
                assertThat(Files.size(copy)).as("cut back to the whole records").isEqualTo(whole);
                spool.append(List.of(shown("d9")));
                assertThat(replayAll(spool)).containsExactly(List.of(shown("d1")), List.of(shown("d9")));
            }
        }
    }

    @Test
    void aLastRecordWithAWrongChecksumIsTornToo() throws Exception {
        long whole;
        try (EventSpool spool = EventSpool.open(file())) {
            spool.append(List.of(shown("d1")));
            whole = Files.size(file());
            spool.append(List.of(shown("d2")));
        }
        flipByte(Files.size(file()) - 2);
        try (LogLines log = LogLines.of(EventSpool.class); EventSpool spool = EventSpool.open(file())) {
            assertThat(log.all()).anyMatch(l -> l.startsWith("WARN dropped a torn last record"));
            assertThat(Files.size(file())).isEqualTo(whole);
            assertThat(replayAll(spool)).containsExactly(List.of(shown("d1")));
        }
    }

    @Test
    void aDamagedRecordBeforeTheLastIsSkippedWithAnError_andTheOthersStillReplay() throws Exception {
        long secondStarts;
        try (EventSpool spool = EventSpool.open(file())) {
            spool.append(List.of(shown("d1")));
            secondStarts = Files.size(file());
            spool.append(List.of(shown("d2")));
            spool.append(List.of(shown("d3")));
        }
        flipByte(secondStarts + EventSpool.FRAME_BYTES + 20);
        try (LogLines log = LogLines.of(EventSpool.class); EventSpool spool = EventSpool.open(file())) {
            assertThat(log.all()).anyMatch(l -> l.startsWith("ERROR") && l.contains("damaged record at offset " + secondStarts));
            assertThat(spool.pendingBatches()).isEqualTo(2);
            assertThat(replayAll(spool)).containsExactly(List.of(shown("d1")), List.of(shown("d3")));
            assertThat(log.all()).anyMatch(l -> l.startsWith("ERROR skipping a damaged record"));
            assertThat(spool.hasPending()).isFalse();
        }
    }

    @Test
    void aFileCutOffInsideItsHeaderHeldNothingAndIsDropped() throws Exception {
        try (EventSpool spool = EventSpool.open(file())) {
            spool.append(List.of(shown("d1")));
        }
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(EventSpool.HEADER_BYTES - 4);
        }
        try (LogLines log = LogLines.of(EventSpool.class); EventSpool spool = EventSpool.open(file())) {
            assertThat(log.all()).anyMatch(l -> l.contains("header is incomplete"));
            assertThat(spool.hasPending()).isFalse();
            assertThat(Files.exists(file())).isFalse();
        }
    }

    @Test
    void aFileThatIsNoSpoolIsMovedAsideNotOverwritten() throws Exception {
        Files.writeString(file(), "this is somebody's notes, not a spool file");
        try (LogLines log = LogLines.of(EventSpool.class); EventSpool spool = EventSpool.open(file())) {
            assertThat(log.all()).anyMatch(l -> l.startsWith("ERROR") && l.contains("moved to"));
            assertThat(spool.hasPending()).isFalse();
            try (var aside = Files.list(dir)) {
                assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("events.spool.unreadable-"));
            }
        }
    }

    private void flipByte(long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
    }
}
