package vn.bluezone.portal.gateway.opennds;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.gateway.PolledGrants;

/**
 * The portal's side of openNDS's authmon (FAS levels 3 and 4). The router's {@code authmon.sh} POSTs to the
 * FAS URL, form fields {@code auth_get}, {@code gatewayhash} (sha256 of the URL-encoded gateway name) and
 * {@code payload} (base64):
 * <ul>
 *   <li>{@code clear} at start-up: the portal forgets what is settled for that router. Entries still
 *       waiting are kept, so visitors who acknowledged while authmon was restarting still get in (openNDS
 *       only acknowledges an entry that {@code ndsctl auth} accepted; stale ones expire).</li>
 *   <li>{@code view} with payload {@code none}: the answer is {@code *} then, for each waiting client, a
 *       space and its rawurlencoded line {@code "rhid minutes uprate downrate upquota downquota custom"}.
 *       authmon reads only 1024 characters after {@code "* "}, so an answer never holds more.</li>
 *   <li>{@code view} with payload {@code "* rhid1 rhid2 ..."}: the clients authmon let in. They are never
 *       handed out again; the answer is {@code ack}.</li>
 *   <li>{@code list} (older authmon): like {@code view}, and what is handed out counts as let in.</li>
 *   <li>{@code deauthed}, {@code custom}: noted in the log; the answer is {@code ack}.</li>
 * </ul>
 */
public final class Authmon {
    private static final Logger log = LoggerFactory.getLogger(Authmon.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> ACTIONS = Set.of("clear", "view", "list", "deauthed", "custom");
    /** authmon keeps this many characters after {@code "* "}. */
    static final int MAX_LIST_CHARS = 1024;
    private static final int MAX_PAYLOAD_CHARS = 16_384;
    /** Most lines read from the store for one answer; far more than fit in 1024 characters. */
    private static final int MAX_LINES = 64;

    /** The reply to one POST: its text, and whether the request was understood. */
    public record Reply(boolean ok, String text) {
    }

    private final PolledGrants grants;
    private final InstantSource clock;

    public Authmon(PolledGrants grants, InstantSource clock) {
        this.grants = grants;
        this.clock = clock;
    }

    /** Answers one authmon POST for the portal's gateway {@code gatewayId}, given its form fields. */
    public Reply answer(String gatewayId, Map<String, String> form) {
        String action = form.getOrDefault("auth_get", "");
        String hash = form.getOrDefault("gatewayhash", "");
        if (!ACTIONS.contains(action)) {
            return new Reply(false, "ERROR: auth_get must be one of " + String.join(", ", ACTIONS));
        }
        if (!HASH.matcher(hash).matches()) {
            return new Reply(false, "ERROR: gatewayhash must be 64 lower-case hex characters");
        }
        String payload = form.getOrDefault("payload", "");
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            return new Reply(false, "ERROR: payload too long");
        }
        String text;
        try {
            text = new String(Base64.getDecoder().decode(payload.replace(' ', '+')), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            return new Reply(false, "ERROR: payload is not base64");
        }
        return switch (action) {
            case "clear" -> {
                int forgotten = grants.forgetSettled(gatewayId, hash, clock.instant());
                log.info("gateway {}: authmon started (gatewayhash {}), {} settled grants forgotten", gatewayId, shortHash(hash), forgotten);
                yield new Reply(true, "ack");
            }
            case "view" -> text.startsWith("*") ? acknowledge(gatewayId, hash, text) : new Reply(true, waitingList(gatewayId, hash, false));
            case "list" -> new Reply(true, waitingList(gatewayId, hash, true));
            default -> {
                log.info("gateway {}: authmon {} report of {} characters", gatewayId, action, text.length());
                yield new Reply(true, "ack");
            }
        };
    }

    private String waitingList(String gatewayId, String hash, boolean handedOutIsLetIn) {
        StringBuilder answer = new StringBuilder("*");
        List<String> handedOut = new ArrayList<>();
        int used = -1;
        for (PolledGrants.Waiting w : grants.waiting(gatewayId, hash, clock.instant(), MAX_LINES)) {
            int after = used + 1 + w.line().length();
            if (after > MAX_LIST_CHARS) {
                break;
            }
            answer.append(' ').append(w.line());
            handedOut.add(w.key());
            used = after;
        }
        if (handedOutIsLetIn && !handedOut.isEmpty()) {
            grants.letIn(gatewayId, hash, handedOut, clock.instant());
        }
        return answer.toString();
    }

    private Reply acknowledge(String gatewayId, String hash, String text) {
        List<String> keys = new ArrayList<>();
        for (String word : text.substring(1).trim().split("\\s+")) {
            if (HASH.matcher(word).matches()) {
                keys.add(word);
            } else if (!word.isEmpty()) {
                return new Reply(false, "ERROR: acknowledged rhid is not 64 hex characters");
            }
        }
        if (!keys.isEmpty()) {
            int waiting = grants.letIn(gatewayId, hash, keys, clock.instant());
            log.info("gateway {}: authmon let {} clients in ({} were waiting)", gatewayId, keys.size(), waiting);
        }
        return new Reply(true, "ack");
    }

    /** authmon's name for a router: sha256 hex of its gateway name exactly as URL-encoded in the FAS payload. */
    public static String gatewayHash(String urlEncodedName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(urlEncodedName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One waiting client as authmon expects it: the fields joined by spaces, then rawurlencoded (RFC 3986). */
    static String entry(String rhid, long minutes, long uploadKbps, long downloadKbps, long uploadQuotaKb, long downloadQuotaKb, String custom) {
        String plain = String.join(" ", rhid, Long.toString(minutes), Long.toString(uploadKbps), Long.toString(downloadKbps),
                Long.toString(uploadQuotaKb), Long.toString(downloadQuotaKb), custom);
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (byte b : plain.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String shortHash(String hash) {
        return hash.substring(0, 12);
    }
}
