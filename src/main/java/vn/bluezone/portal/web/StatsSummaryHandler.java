package vn.bluezone.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.events.ImpressionFlag;
import vn.bluezone.portal.stats.FlaggedCounts;
import vn.bluezone.portal.stats.ImpressionCounts;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /api/stats/summary?venue=A&venue=B&from=YYYY-MM-DD&to=YYYY-MM-DD}: everything the dashboard shows
 * for one or more venues over a period of local days, in one JSON document. {@code venue} is required (up to
 * {@value #MAX_VENUES}); {@code to} defaults to today on the first venue's clock, {@code from} to 29 days
 * before {@code to}; at most {@value StatsQuery#MAX_DAYS} days. A venue that does not exist and one the caller may
 * not read get the same 404.
 */
final class StatsSummaryHandler implements HttpHandler {
    /** Undertow takes at most 100 query parameters (WebServer), {@code from} and {@code to} among them. */
    static final int MAX_VENUES = 50;
    private final StatsStore stats;
    private final Venues venues;
    private final StaffAccess access;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper();

    StatsSummaryHandler(StatsStore stats, Venues venues, StaffAccess access, InstantSource clock) {
        this.stats = stats;
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
        if (asked.isEmpty()) {
            problem(exchange, 400, "parameter 'venue' is required (repeat it for several venues)");
            return;
        }
        if (new LinkedHashSet<>(asked).size() > MAX_VENUES) {
            problem(exchange, 400, "at most " + MAX_VENUES + " venues at once");
            return;
        }
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        for (String code : asked) {
            Optional<VenueSettings> venue = venues.find(code).filter(v -> staff.get().scope().mayRead(v.code()));
            if (venue.isEmpty()) {
                problem(exchange, 404, "no venue '" + code + "' that you may read");
                return;
            }
            zones.put(code, venue.get().timeZone());
        }
        LocalDate to;
        LocalDate from;
        try {
            to = date(exchange, "to", LocalDate.ofInstant(clock.instant(), zones.values().iterator().next()));
            from = date(exchange, "from", to.minusDays(29));
        } catch (DateTimeParseException e) {
            problem(exchange, 400, "parameters 'from' and 'to' must be dates such as 2026-11-29");
            return;
        }
        if (from.isAfter(to) || StatsQuery.days(from, to) > StatsQuery.MAX_DAYS) {
            problem(exchange, 400, "'from' must not be after 'to', and the period must be at most " + StatsQuery.MAX_DAYS + " days");
            return;
        }
        try {
            StatsQuery query = new StatsQuery(zones, from, to);
            ObjectNode body = body(stats.summary(query));
            flagged(body.putObject("flagged"), query, stats.flagged(query));
            Responses.json(exchange, 200, json.writeValueAsString(body));
        } catch (StoreUnavailableException e) {
            problem(exchange, 503, "the statistics store is not reachable right now");
        }
    }

    private ObjectNode body(StatsSummary s) {
        ObjectNode root = json.createObjectNode();
        ObjectNode zones = root.putObject("venues");
        s.query().venues().forEach((code, zone) -> zones.put(code, zone.getId()));
        root.put("from", s.query().from().toString());
        root.put("to", s.query().to().toString());
        counts(root.putObject("totals"), s.totals());
        ArrayNode days = root.putArray("days");
        s.byDay().forEach((day, counts) -> {
            ObjectNode d = days.addObject();
            d.put("day", day.toString());
            counts(d, counts);
            d.put("uniqueDevices", s.uniqueDevicesByDay().get(day));
            d.put("sessions", s.sessions().byDay().get(day));
        });
        ArrayNode hours = root.putArray("hours");
        for (int h = 0; h < s.byHour().size(); h++) {
            counts(hours.addObject().put("hour", h), s.byHour().get(h));
        }
        ArrayNode platforms = root.putArray("platforms");
        s.byPlatform().forEach((platform, counts) -> counts(platforms.addObject().put("platform", platform), counts));
        ArrayNode languages = root.putArray("languages");
        s.byLanguage().forEach((language, counts) -> counts(languages.addObject().put("language", language), counts));
        ArrayNode campaigns = root.putArray("campaigns");
        s.byCampaign().forEach((campaign, counts) -> counts(campaigns.addObject().put("campaign", campaign), counts));
        ObjectNode sessions = root.putObject("sessions");
        sessions.put("count", s.sessions().count());
        sessions.put("completed", s.sessions().completed());
        s.sessions().medianDwell().ifPresentOrElse(d -> sessions.put("medianDwellSeconds", d.toSeconds()),
                () -> sessions.putNull("medianDwellSeconds"));
        return root;
    }

    /** Per venue, the impressions recorded but kept out of the figures above, by kind and by reason. */
    private static void flagged(ObjectNode node, StatsQuery query, Map<String, FlaggedCounts> flagged) {
        for (String venue : query.venues().keySet()) {
            flagged(node.putObject(venue), flagged.getOrDefault(venue, FlaggedCounts.NONE));
        }
    }

    /** One venue's flagged impressions: total, by kind, by reason. */
    static void flagged(ObjectNode v, FlaggedCounts f) {
        v.put("total", f.total());
        v.put("shown", f.byKind().shown());
        v.put("acknowledged", f.byKind().acknowledged());
        v.put("store_click", f.byKind().storeClicks());
        v.put("returning", f.byKind().returning());
        ObjectNode reasons = v.putObject("byReason");
        for (ImpressionFlag reason : ImpressionFlag.values()) {
            if (reason != ImpressionFlag.NONE) {
                reasons.put(reason.code(), f.byReason().getOrDefault(reason, 0L));
            }
        }
    }

    private static void counts(ObjectNode node, ImpressionCounts c) {
        node.put("shown", c.shown());
        node.put("acknowledged", c.acknowledged());
        node.put("store_click", c.storeClicks());
        node.put("returning", c.returning());
        node.put("poster_scan", c.posterScans());
        node.put("signage_scan", c.signageScans());
        rate(node, "acknowledgementRate", c.acknowledgementRate());
        rate(node, "storeClickThroughRate", c.storeClickThroughRate());
    }

    private static void rate(ObjectNode node, String name, OptionalDouble rate) {
        if (rate.isPresent()) {
            node.put(name, Math.round(rate.getAsDouble() * 10_000) / 10_000.0);
        } else {
            node.putNull(name);
        }
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
