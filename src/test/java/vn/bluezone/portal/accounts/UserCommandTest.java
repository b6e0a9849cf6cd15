package vn.bluezone.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.store.SqlAccountStore;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.testing.TestClock;

class UserCommandTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final PasswordHasher hasher = new PasswordHasher();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private AccountStore store;

    @BeforeEach
    void open() {
        store = new SqlAccountStore(SqliteDatabase.open(dir.resolve("portal.db")), clock);
    }

    private void run(String stdin, String... args) {
        new UserCommand(store, hasher, new ApiTokens(store, clock), List.of("demo", "hue-station"),
                UserCommand.consoleOrStdin(null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addListPasswdTokenRemove() {
        run("first-password-1\n", "add", "hue-venue", "--role", "venue", "--venue", "hue-station,demo");
        run("second-password\r\n", "add", "admin", "--role", "operator");
        assertThat(output()).contains("added / đã thêm: hue-venue (venue: demo,hue-station)");
        User venue = store.find("hue-venue").orElseThrow();
        assertThat(hasher.matches("first-password-1", venue.passwordHash())).isTrue();
        assertThat(hasher.matches("second-password", store.find("admin").orElseThrow().passwordHash())).isTrue();

        run("", "list");
        assertThat(output()).containsPattern("admin +operator +\\*").containsPattern("hue-venue +venue +demo,hue-station");

        run("changed-password\n", "passwd", "hue-venue");
        assertThat(hasher.matches("changed-password", store.find("hue-venue").orElseThrow().passwordHash())).isTrue();

        printed.reset();
        run("", "token", "hue-venue");
        String token = output().lines().filter(l -> l.startsWith("bz_")).findFirst().orElseThrow();
        assertThat(new ApiTokens(store, clock).holder(token)).map(User::username).contains("hue-venue");

        run("", "remove", "hue-venue");
        assertThat(store.find("hue-venue")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithABilingualReason() {
        assertThatThrownBy(() -> run("long-enough-pw\n", "add", "v1x", "--role", "venue", "--venue", "nowhere"))
                .isInstanceOf(UserCommand.BadInput.class).hasMessageContaining("no venue 'nowhere'").hasMessageContaining("không có địa điểm");
        assertThatThrownBy(() -> run("long-enough-pw\n", "add", "v1x", "--role", "venue"))
                .hasMessageContaining("at least one venue");
        assertThatThrownBy(() -> run("long-enough-pw\n", "add", "v1x", "--role", "root"))
                .hasMessageContaining("operator, venue or authority");
        assertThatThrownBy(() -> run("long-enough-pw\n", "add", "v1x"))
                .hasMessageContaining("--role");
        assertThatThrownBy(() -> run("short\n", "add", "ops", "--role", "operator"))
                .hasMessageContaining("at least 10").hasMessageContaining("ít nhất 10");
        assertThatThrownBy(() -> run("", "add", "ops", "--role", "operator"))
                .hasMessageContaining("no password on standard input");
        assertThatThrownBy(() -> run("long-enough-pw\n", "add", "Bad Name", "--role", "operator"))
                .hasMessageContaining("3 to 32");
        assertThatThrownBy(() -> run("long-enough-pw\n", "passwd", "nobody")).hasMessageContaining("no user 'nobody'");
        assertThatThrownBy(() -> run("", "token", "nobody")).hasMessageContaining("không có người dùng");
        assertThatThrownBy(() -> run("", "rename", "x")).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> run("")).hasMessageContaining("Usage / Cách dùng");
        assertThat(store.list()).isEmpty();

        run("long-enough-pw\n", "add", "ops", "--role", "operator");
        assertThatThrownBy(() -> run("long-enough-pw\n", "add", "ops", "--role", "authority")).hasMessageContaining("exists already");
    }
}
