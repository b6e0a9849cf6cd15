package vn.bluezone.portal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit and keeps what it printed. */
public final class Shell {
    private Shell() {
    }

    /** What a finished command left behind. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bz-shell", ".log");
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
