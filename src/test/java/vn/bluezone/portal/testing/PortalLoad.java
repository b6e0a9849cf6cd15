package vn.bluezone.portal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on a running portal that counts what was asked and what was answered: visitors loading the demo venue's notice
 * and pressing Continue, and a NAS (radclient) sending accounting Starts, each for a new session with a known octet
 * count. What was answered must be in the store afterwards; nothing more than what was asked may be.
 */
public final class PortalLoad {
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([A-Za-z0-9_-]+)\"");

    public final AtomicLong pagesRequested = new AtomicLong();
    public final AtomicLong pagesServed = new AtomicLong();
    public final AtomicLong acksRequested = new AtomicLong();
    public final AtomicLong acksServed = new AtomicLong();
    /** Accounting sessions sent, with the input octets sent for each. */
    public final Map<String, Long> accountingSent = new ConcurrentHashMap<>();
    /** Those the portal answered with an Accounting-Response. */
    public final Map<String, Long> accountingAnswered = new ConcurrentHashMap<>();
    /** Every page and Continue asked for, with what came back. */
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicLong sessions = new AtomicLong();

    /**
     * What one request of a visitor got.
     *
     * @param askedAtNanos when it was sent ({@link System#nanoTime})
     * @param status the HTTP status, 0 when none came (no connection, timed out)
     * @param trace whether the body showed a Java exception or stack trace
     */
    public record Answer(long askedAtNanos, long tookNanos, int status, boolean trace) {
    }

    /** The visitors' requests sent within a period: how many, which got no notice or redirect, and how long they took. */
    public record Answers(List<Answer> all) {
        /** Those of {@code answers} sent from {@code fromNanos} to {@code toNanos} ({@link System#nanoTime}). */
        public static Answers sent(Collection<Answer> answers, long fromNanos, long toNanos) {
            return new Answers(answers.stream().filter(a -> a.askedAtNanos() - fromNanos >= 0 && a.askedAtNanos() - toNanos < 0).toList());
        }

        /** Answers other than the page or Continue's redirect a visitor expects (an error status, none, a stack trace). */
        public List<Answer> failed() {
            return all.stream().filter(a -> a.status() != 200 && a.status() != 303 || a.trace()).toList();
        }

        /** The time within which 99 % of them were answered. */
        public Duration p99() {
            long[] took = all.stream().mapToLong(Answer::tookNanos).sorted().toArray();
            return took.length == 0 ? Duration.ZERO : Duration.ofNanos(took[(int) Math.ceil(took.length * 0.99) - 1]);
        }

        public Duration max() {
            return Duration.ofNanos(all.stream().mapToLong(Answer::tookNanos).max().orElse(0));
        }

        @Override
        public String toString() {
            return all.size() + " requests, p99 " + p99().toMillis() + " ms, max " + max().toMillis() + " ms, failed " + failed().size();
        }
    }

    /** A NAS the portal knows: its accounting address ({@code host:port}) and shared secret. */
    public record Nas(String acct, String secret) {
    }

    /** One round of load; {@link #stop} ends it. */
    public final class Round {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads;

        private Round(URI base, int visitors, Nas nas, int accountingThreads) {
            threads = Executors.newFixedThreadPool(visitors + accountingThreads);
            for (int i = 0; i < visitors; i++) {
                threads.submit(() -> visit(base, running));
            }
            for (int i = 0; i < accountingThreads; i++) {
                threads.submit(() -> account(nas, running));
            }
        }

        public void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the load did not stop");
            }
        }
    }

    /**
     * @param base the portal's http base URI
     * @param nas where accounting goes, or null for none
     */
    public Round start(URI base, int visitors, Nas nas, int accountingThreads) {
        return new Round(base, visitors, nas, nas == null ? 0 : accountingThreads);
    }

    /** Waits until {@code more} pages more than now have been served (at most a minute). */
    public void awaitPagesServed(long more) throws InterruptedException {
        long target = pagesServed.get() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pagesServed.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The requests of visitors sent from {@code fromNanos} to {@code toNanos} ({@link System#nanoTime}). */
    public Answers answersSent(long fromNanos, long toNanos) {
        return Answers.sent(answers, fromNanos, toNanos);
    }

    private void visit(URI base, AtomicBoolean running) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            long asked = System.nanoTime();
            try {
                pagesRequested.incrementAndGet();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(asked, System.nanoTime() - asked, page.statusCode(), showsTrace(page.body())));
                if (page.statusCode() != 200) {
                    continue;
                }
                pagesServed.incrementAndGet();
                Matcher m = VISIT.matcher(page.body());
                if (!m.find()) {
                    continue;
                }
                acksRequested.incrementAndGet();
                asked = System.nanoTime();
                HttpResponse<String> ack = http.send(HttpRequest.newBuilder(base.resolve("/continue"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("v=" + m.group(1))).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(asked, System.nanoTime() - asked, ack.statusCode(), showsTrace(ack.body())));
                if (ack.statusCode() == 303) {
                    acksServed.incrementAndGet();
                }
            } catch (Exception killed) {
                // the portal died under us, or did not answer: only answers received are counted
                answers.add(new Answer(asked, System.nanoTime() - asked, 0, false));
            }
        }
    }

    /** Whether a page shows what a visitor must never see: a Java exception or stack frame. */
    public static boolean showsTrace(String body) {
        return body.contains("Exception") || body.contains("\tat ") || body.contains("at vn.bluezone.");
    }

    private void account(Nas nas, AtomicBoolean running) {
        while (running.get()) {
            long n = sessions.incrementAndGet();
            String session = "load-" + n;
            accountingSent.put(session, n * 1000);
            try {
                Radclient.Reply reply = Radclient.send(nas.acct(), "acct", nas.secret(), """
                        Acct-Status-Type = Start
                        Acct-Session-Id = "%s"
                        User-Name = "02:00:00:00:%02x:%02x"
                        Calling-Station-Id = "02:00:00:00:%02x:%02x"
                        Acct-Input-Octets = %d
                        """.formatted(session, (n >> 8) & 0xff, n & 0xff, (n >> 8) & 0xff, n & 0xff, n * 1000));
                if (reply.is("Accounting-Response")) {
                    accountingAnswered.put(session, n * 1000);
                }
            } catch (Exception e) {
                // radclient could not run to the end: not answered
            }
        }
    }

    /** What the store holds, read straight from its file as a restarted portal would find it. */
    public record Stored(long shown, long acknowledged, Map<String, Long> sessions) {
    }

    /** Reads the store after checking the file's integrity. */
    public static Stored read(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (ResultSet ok = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                ok.next();
                if (!ok.getString(1).equals("ok")) {
                    throw new AssertionError("the database is damaged: " + ok.getString(1));
                }
            }
            return read(c, "");
        }
    }

    /**
     * Reads what one venue's visitors and NAS left in a store, through a connection to its database (SQLite or
     * PostgreSQL: the tables are the same); venue {@code ""} reads every venue's.
     */
    public static Stored read(Connection c, String venue) throws SQLException {
        long shown;
        long acknowledged;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FILTER (WHERE kind = 'shown'), "
                + "COUNT(*) FILTER (WHERE kind = 'acknowledged') FROM impression WHERE ? IN ('', venue)")) {
            s.setString(1, venue);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                shown = rs.getLong(1);
                acknowledged = rs.getLong(2);
            }
        }
        Map<String, Long> sessions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT session_id, input_octets FROM radius_session WHERE ? IN ('', venue)")) {
            s.setString(1, venue);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sessions.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return new Stored(shown, acknowledged, sessions);
    }

    /**
     * Every answered page, acknowledgement and accounting record is stored, and nothing more than was asked: an event
     * stored twice would push a count past what was requested, or a session's octets away from what was sent.
     */
    public void assertStoredOnce(Stored stored) {
        assertThat(stored.shown()).as("shown impressions stored").isBetween(pagesServed.get(), pagesRequested.get());
        assertThat(stored.acknowledged()).as("acknowledgements stored").isBetween(acksServed.get(), acksRequested.get());
        assertThat(stored.sessions()).as("every answered accounting record is stored as sent").containsAllEntriesOf(accountingAnswered);
        assertThat(accountingSent).as("no accounting stored that was not sent, or with other octets").containsAllEntriesOf(stored.sessions());
    }

    @Override
    public String toString() {
        return "pages served " + pagesServed + " (requested " + pagesRequested + "), acknowledgements served " + acksServed + " (requested "
                + acksRequested + "), accounting answered " + accountingAnswered.size() + " (sent " + accountingSent.size() + ")";
    }
}
