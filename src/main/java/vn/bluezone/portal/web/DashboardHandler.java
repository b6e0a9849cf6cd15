package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.stats.StatsSummary;
import vn.bluezone.portal.stats.StatsTables;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /dashboard} (the page) and {@code GET /dashboard/export.csv?table=days|hours|platforms|languages} (one of
 * its tables as CSV), for the signed-in staff member and only for the venues they may read. Without a session the
 * page sends the browser to sign in and comes back; the export answers 401.
 */
final class DashboardHandler {
    private static final Logger log = LoggerFactory.getLogger(DashboardHandler.class);

    private final StaffAccess access;
    private final StaffPages staffPages;
    private final DashboardPage page;
    private final StatsStore stats;
    private final Venues venues;
    private final InstantSource clock;

    DashboardHandler(StaffAccess access, StaffPages staffPages, StatsStore stats, Venues venues, InstantSource clock) {
        this.access = access;
        this.staffPages = staffPages;
        this.page = new DashboardPage(venues);
        this.stats = stats;
        this.venues = venues;
        this.clock = clock;
    }

    HttpHandler page() {
        return Blocking.offIoThread(exchange -> {
            Optional<Staff> staff = access.signedIn(exchange);
            if (staff.isEmpty()) {
                StaffAccess.sessionId(exchange).ifPresent(expired -> StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE));
                Responses.redirect(exchange, 303, "/login?next=%2Fdashboard");
                return;
            }
            Object parsed = DashboardQuery.parse(exchange.getQueryParameters(), staff.get().scope(), venues, clock);
            if (parsed instanceof DashboardQuery.Refusal refusal) {
                Responses.html(exchange, refusal.status(), staffPages.message(refusal.vi(), refusal.en(), List.of("/dashboard")));
                return;
            }
            DashboardQuery query = (DashboardQuery) parsed;
            summary(exchange, query).ifPresent(summary -> Responses.html(exchange, 200,
                    page.render(staff.get(), query, summary, stats.flagged(query.stats()))));
        });
    }

    HttpHandler csv() {
        return Blocking.offIoThread(exchange -> {
            Optional<Staff> staff = access.apiCaller(exchange);
            if (staff.isEmpty()) {
                Responses.json(exchange, 401, "{\"error\":\"sign in, or send 'Authorization: Bearer <API token>'\"}");
                return;
            }
            Optional<StatsTables.Name> table = Optional.ofNullable(VisitorPages.parameter(exchange, "table")).flatMap(StatsTables.Name::fromCode);
            if (table.isEmpty()) {
                Responses.json(exchange, 400, "{\"error\":\"table must be days, hours, platforms, languages or campaigns\"}");
                return;
            }
            Object parsed = DashboardQuery.parse(exchange.getQueryParameters(), staff.get().scope(), venues, clock);
            if (parsed instanceof DashboardQuery.Refusal refusal) {
                Responses.json(exchange, refusal.status(), "{\"error\":\"" + refusal.en() + "\"}");
                return;
            }
            DashboardQuery query = (DashboardQuery) parsed;
            summary(exchange, query).ifPresent(summary -> {
                StatsTables.Table t = StatsTables.of(table.get(), summary);
                String name = "bluezone-" + t.name().code() + "-" + query.venue() + "-" + query.stats().from() + "-" + query.stats().to() + ".csv";
                exchange.setStatusCode(200);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/csv; charset=utf-8");
                exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                exchange.getResponseSender().send(csv(t), StandardCharsets.UTF_8);
            });
        });
    }

    /** UTF-8 with a byte order mark, so that spreadsheet programs read the Vietnamese column titles right. */
    static String csv(StatsTables.Table table) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(table.columns().toArray(String[]::new)).get())) {
            for (List<String> row : table.rows()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private Optional<StatsSummary> summary(HttpServerExchange exchange, DashboardQuery query) {
        try {
            return Optional.of(stats.summary(query.stats()));
        } catch (StoreUnavailableException e) {
            log.warn("dashboard not answered, statistics store unavailable: {}", e.getMessage());
            Responses.html(exchange, 503, staffPages.message("Chưa đọc được số liệu, vui lòng thử lại sau.",
                    "The statistics cannot be read right now; please try again shortly.", List.of("/dashboard")));
            return Optional.empty();
        }
    }
}
