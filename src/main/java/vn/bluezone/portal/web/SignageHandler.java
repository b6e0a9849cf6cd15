package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /signage/<venue>[?rotate=8&refresh=60]}: the full-screen page of an electronic board at a venue, the
 * campaign in each of its languages in turn with the QR code to {@code /q/<venue>?s=signage}. Public, like the
 * notice (a board signs in to nothing), and not counted: its scans are. It shows the campaign the venue shows now (its
 * fetches pick up a scheduled switch). {@code rotate} is the seconds per language
 * (2–120, default 8), {@code refresh} how often the page fetches itself again (2–3600, default 60). The page's own
 * Content-Security-Policy allows exactly its inline script (by hash) and its fetches to this portal.
 */
final class SignageHandler implements HttpHandler {
    static final int ROTATE_SECONDS = 8;
    static final int REFRESH_SECONDS = 60;
    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private final Venues venues;
    private final VisitorPages visitorPages;
    private final PublicUrl publicUrl;
    private final InstantSource clock;

    SignageHandler(Venues venues, VisitorPages visitorPages, PublicUrl publicUrl, InstantSource clock) {
        this.venues = venues;
        this.visitorPages = visitorPages;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String code = match == null ? "" : match.getParameters().getOrDefault("venue", "");
        Optional<VenueSettings> venue = venues.find(code);
        if (venue.isEmpty()) {
            Responses.html(exchange, 404, visitorPages.pages().bilingualMessage(MessageKind.NOT_FOUND, visitorPages.language(exchange).primary()));
            return;
        }
        String page = visitorPages.campaigns().pagesAt(venue.get(), clock.instant(), "").signage(venue.get().name(), PosterHandler.scanUrl(publicUrl.base(exchange), venue.get().code(), true),
                seconds(exchange, "rotate", ROTATE_SECONDS, 2, 120), seconds(exchange, "refresh", REFRESH_SECONDS, 2, 3600));
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, contentSecurityPolicy(page));
        Responses.html(exchange, 200, page.getBytes(StandardCharsets.UTF_8));
    }

    /** The portal's policy, plus the page's inline scripts by their SHA-256 and fetches to this origin. */
    static String contentSecurityPolicy(String page) {
        List<String> hashes = new ArrayList<>();
        Matcher script = SCRIPT.matcher(page);
        while (script.find()) {
            hashes.add("'sha256-" + sha256(script.group(1)) + "'");
        }
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src " + (hashes.isEmpty() ? "'none'" : String.join(" ", hashes))
                + "; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static int seconds(HttpServerExchange exchange, String name, int fallback, int min, int max) {
        String value = VisitorPages.parameter(exchange, name);
        if (value == null || !value.matches("\\d{1,9}")) {
            return fallback;
        }
        return Math.max(min, Math.min(max, Integer.parseInt(value)));
    }
}
