package vn.bluezone.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.ImpressionKind;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /api/stats?venue=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD}: impressions of one venue by local day
 * and kind. {@code from}/{@code to} default to the last 30 days; at most 366 days at once. Operators and authorities
 * read any venue; a venue user only their own (403 for any other code, configured or not).
 */
final class StatsHandler implements HttpHandler {
    private static final int MAX_DAYS = 366;

    private final EventStore events;
    private final Venues venues;
    private final StaffAccess access;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper();

    StatsHandler(EventStore events, Venues venues, StaffAccess access, InstantSource clock) {
        this.events = events;
        this.venues = venues;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Optional<Staff> staff = access.apiCaller(exchange);
        if (staff.isEmpty()) {
            problem(exchange, 401, "sign in, or send 'Authorization: Bearer <API token>'");
            return;
        }
        Deque<String> asked = exchange.getQueryParameters().getOrDefault("venue", new ArrayDeque<>());
        if (asked.size() > 1) {
            problem(exchange, 400, "parameter 'venue' must be given once");
            return;
        }
        String code = asked.isEmpty() ? "" : asked.getFirst();
        if (!code.isEmpty() && !staff.get().scope().everyVenue() && !staff.get().scope().mayRead(code)) {
            problem(exchange, 403, "your account may not read this venue's statistics");
            return;
        }
        Optional<VenueSettings> venue = venues.find(code).filter(v -> staff.get().scope().mayRead(v.code()));
        if (venue.isEmpty()) {
            problem(exchange, 400, "parameter 'venue' must be the code of a configured venue");
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), venue.get().timeZone());
        LocalDate to;
        LocalDate from;
        try {
            to = date(exchange, "to", today);
            from = date(exchange, "from", to.minusDays(29));
        } catch (DateTimeParseException e) {
            problem(exchange, 400, "parameters 'from' and 'to' must be dates such as 2026-11-29");
            return;
        }
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            problem(exchange, 400, "'from' must not be after 'to', and the period must be at most " + MAX_DAYS + " days");
            return;
        }
        try {
            Responses.json(exchange, 200, json.writeValueAsString(body(venue.get(), from, to)));
        } catch (StoreUnavailableException e) {
            problem(exchange, 503, "the statistics store is not reachable right now");
        }
    }

    private ObjectNode body(VenueSettings venue, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<ImpressionKind, Long>> byDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            byDay.put(d, new EnumMap<>(ImpressionKind.class));
        }
        Map<ImpressionKind, Long> totals = new EnumMap<>(ImpressionKind.class);
        for (EventStore.DailyCount c : events.countByDay(venue.code(), from, to)) {
            byDay.get(c.day()).put(c.kind(), c.count());
            totals.merge(c.kind(), c.count(), Long::sum);
        }
        ObjectNode root = json.createObjectNode();
        root.put("venue", venue.code());
        root.put("timeZone", venue.timeZone().getId());
        root.put("from", from.toString());
        root.put("to", to.toString());
        ArrayNode days = root.putArray("days");
        byDay.forEach((day, counts) -> {
            ObjectNode d = days.addObject();
            d.put("day", day.toString());
            for (ImpressionKind k : ImpressionKind.values()) {
                d.put(k.code(), counts.getOrDefault(k, 0L));
            }
        });
        ObjectNode total = root.putObject("totals");
        for (ImpressionKind k : ImpressionKind.values()) {
            total.put(k.code(), totals.getOrDefault(k, 0L));
        }
        return root;
    }

    private static LocalDate date(HttpServerExchange exchange, String name, LocalDate fallback) {
        String value = VisitorPages.parameter(exchange, name);
        return value == null || value.isBlank() ? fallback : LocalDate.parse(value);
    }

    private void problem(HttpServerExchange exchange, int status, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        Responses.json(exchange, status, body.toString());
    }
}
