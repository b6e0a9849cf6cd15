package vn.bluezone.portal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * FreeRADIUS's own {@code radclient} (Debian freeradius-utils), playing a NAS: one request from an
 * attribute list, one try, and what it printed. {@code Message-Authenticator = 0x00} in the list makes it
 * compute the real one.
 */
public final class Radclient {
    private Radclient() {
    }

    /** What radclient printed and whether it got a reply at all. */
    public record Reply(int exitCode, String output) {
        public boolean answered() {
            return output.contains("Received ");
        }

        public boolean is(String code) {
            return output.contains("Received " + code + " ");
        }
    }

    /**
     * @param server host:port, or {@code [::1]:port} style for IPv6 (then {@code -6} is passed)
     * @param command auth, acct, status or disconnect
     */
    public static Reply send(String server, String command, String secret, String attributes, String... options)
            throws IOException, InterruptedException {
        Path input = Files.createTempFile("bz-radclient", ".txt");
        try {
            Files.writeString(input, attributes.strip() + "\n", StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of("radclient", "-x", "-r", "1", "-t", "1.5", "-f", input.toString()));
            cmd.addAll(List.of(options));
            cmd.addAll(List.of(server, command, secret));
            Shell.Result r = Shell.run(Duration.ofSeconds(20), cmd.toArray(String[]::new));
            return new Reply(r.exitCode(), r.output());
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
