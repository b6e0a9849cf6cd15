package vn.bluezone.portal.web;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.PathTemplateMatch;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.OnlineClients;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.access.VisitIssuer;
import vn.bluezone.portal.access.VisitSealer;
import vn.bluezone.portal.accounts.Accounts;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.HttpSettings;
import vn.bluezone.portal.config.MetricsSettings;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.ImpressionRecorder;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.Gateways;
import vn.bluezone.portal.gateway.PolledGrants;
import vn.bluezone.portal.gateway.generic.GenericRedemption;
import vn.bluezone.portal.gateway.opennds.Authmon;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.notice.NoticePages;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.notice.Campaigns;
import vn.bluezone.portal.ops.Health;
import vn.bluezone.portal.ops.HttpRequestStats;
import vn.bluezone.portal.ops.PortalMetrics;
import vn.bluezone.portal.ops.RepeatedWarning;
import vn.bluezone.portal.radius.CoaClient;
import vn.bluezone.portal.radius.RadiusServer;
import vn.bluezone.portal.stats.StatsStore;
import vn.bluezone.portal.venue.Registry;
import vn.bluezone.portal.venue.Venues;

/**
 * The one table of the portal's URLs, and the order of the wrappers around them
 * (request metrics outermost, then security headers, then error pages, then request limits, then the route).
 *
 * <pre>
 * GET  /                         the notice as a visitor of the demo venue sees it
 * GET  /opennds/{gateway}/       openNDS FAS arrival (?fas=...[&amp;iv=...], level 0: ?authaction=...&amp;tok=...)
 * POST /opennds/{gateway}/       openNDS authmon (levels 3 and 4): auth_get=clear|view|list|deauthed|custom
 * GET  /coova/{gateway}/         CoovaChilli UAM arrival (?res=notyet&amp;uamip=...&amp;md=...)
 * GET  /mikrotik/{gateway}/      MikroTik hotspot arrival from its login.html (?mac=...&amp;link-login-only=...&amp;chap-id=...)
 * GET  /meraki/{gateway}/        Meraki-style click-through arrival (?base_grant_url=...&amp;client_mac=...)
 * GET  /pfsense/{gateway}/       pfSense arrival from its portal page (?portal_action=...&amp;zone=...&amp;client_mac=...)
 * GET  /generic/{gateway}/       generic gateway arrival, signed by its script (?mac=...&amp;ip=...&amp;url=...&amp;login=...&amp;ts=...&amp;sig=...)
 * GET  /notice?lang=&amp;v=          the notice again in another language
 * POST /continue                 acknowledge (form: v, lang) and go to the gateway's login step
 * GET  /connecting?lang=&amp;v=      waiting for a polling gateway (authmon) to let the visitor in; reloads itself
 * GET  /welcome?lang=&amp;v=         shown once online: store links again
 * GET  /go?v=                    on to the page the visitor first asked for
 * GET  /store/ios|android?v=     counted redirect to the store
 * GET  /signage/{venue}[?rotate=&amp;refresh=]  full-screen page for a signage screen: the campaign's languages in turn, counted QR
 * GET  /q/{venue}[?s=signage]    a poster's (signage screen's) QR code: counted poster_scan (signage_scan), redirect to the store
 * GET  /api/stats?venue=&amp;from=&amp;to=  counts by day and kind (JSON)
 * GET  /api/stats/summary?venue=&amp;venue=&amp;from=&amp;to=  the dashboard's statistics for some venues (JSON)
 * GET  /api/radius               RADIUS ports and packet counters (JSON)
 * POST /api/sessions/disconnect?mac=  end a device's sessions at its NAS (JSON)
 * POST /api/gateways/{gateway}/redeem  a generic gateway redeems a grant token (form: token, mac; the gateway's secret; JSON)
 * GET  /login, POST /login       staff sign-in (form: csrf, username, password, next); POST /logout (form: csrf)
 * GET  /dashboard?venue=&amp;from=&amp;to=  statistics dashboard of the signed-in staff member's venues (charts, tables)
 * GET  /dashboard/export.csv?table=days|hours|platforms|languages&amp;venue=&amp;from=&amp;to=  one of its tables as CSV
 * GET  /report?month=YYYY-MM     print-ready monthly report: totals by district, type of place and venue
 * GET  /admin/venues, /admin/gateways, /admin/radius-clients  operators: the list and the form to add one
 * POST the same                  add one (form: csrf and the entry's fields); a new secret is shown once
 * GET  /admin/posters            operators and venue users: their venues' posters, signage screens and QR addresses
 * GET  /admin/posters/{venue}.pdf[?lang=]  the venue's printable A4 poster (PDF)
 * GET  /admin/users, POST /admin/users  staff accounts, operators only (form: csrf, action=add|password|token|remove, ...)
 * GET  /healthz                  readiness (JSON)
 * GET  /metrics                  Prometheus text format, for the addresses in metrics.allow-from (loopback by default)
 * GET  /captive-portal/api/{gateway}  RFC 8908 Captive Portal API (application/captive+json), per source address
 * GET  /hotspot-detect.html, /library/test/success.html (Apple), /generate_204, /gen_204 (Android),
 *      /connecttest.txt, /ncsi.txt, /redirect (Windows), /success.txt, /canonical.html (Firefox)
 *                                connectivity probes a gateway's DNS sent here, any Host: the "online" answer
 *                                for a client this node let online, else 302 to the portal's start page
 * </pre>
 */
public final class Routes {
    /** Everything the routes need, wired once in {@code Main}. */
    public record Services(
            HttpSettings http,
            String apiToken,
            Gateways gateways,
            Venues venues,
            VisitIssuer issuer,
            VisitSealer sealer,
            GrantTokens grantTokens,
            ReturningDevices returning,
            OnlineClients online,
            ImpressionRecorder recorder,
            DurableWriter writer,
            EventStore events,
            StatsStore stats,
            PolledGrants polledGrants,
            NoticePages pages,
            LanguageChooser languages,
            Health health,
            Optional<RadiusServer> radius,
            Optional<CoaClient> coa,
            InstantSource clock,
            GenericRedemption genericRedemption,
            Accounts accounts,
            Registry registry,
            HttpRequestStats requestStats,
            PortalMetrics metrics,
            MetricsSettings metricsAccess,
            Campaigns campaigns) {
    }

    private Routes() {
    }

    public static HttpHandler build(Services s) {
        VisitorPages visitorPages = new VisitorPages(s.pages(), s.languages(), s.campaigns(), s.venues());
        VisitTokens tokens = new VisitTokens(s.sealer(), visitorPages);
        AfterDurable afterDurable = new AfterDurable(visitorPages);
        PublicUrl publicUrl = new PublicUrl(s.http().publicUrl());

        GrantResponder grants = new GrantResponder(visitorPages, publicUrl, s.grantTokens(), s.venues(), s.online(), s.writer(),
                afterDurable, s.clock());
        ConnectivityProbes probes = new ConnectivityProbes(s.online(), publicUrl);
        RepeatedWarning storeDown = ArrivalHandler.storeDownWarning(s.clock());
        Function<Function<HttpServerExchange, Optional<Gateway>>, HttpHandler> arrival = gatewayOf -> new ArrivalHandler(gatewayOf,
                s.issuer(), s.sealer(), s.recorder(), s.venues(), visitorPages, afterDurable, publicUrl,
                s.returning(), grants, storeDown);
        HttpHandler demoArrival = arrival.apply(exchange -> s.gateways().demo());
        Function<HttpServerExchange, Optional<Gateway>> openNdsGateway = exchange -> gatewayInPath(exchange, s.gateways(), GatewaySettings.Kind.OPENNDS);
        HttpHandler openNdsArrival = arrival.apply(openNdsGateway);
        HttpHandler coovaArrival = arrival.apply(exchange -> gatewayInPath(exchange, s.gateways(), GatewaySettings.Kind.COOVA));
        HttpHandler mikrotikArrival = arrival.apply(exchange -> gatewayInPath(exchange, s.gateways(), GatewaySettings.Kind.MIKROTIK));
        HttpHandler merakiArrival = arrival.apply(exchange -> gatewayInPath(exchange, s.gateways(), GatewaySettings.Kind.MERAKI));
        HttpHandler pfsenseArrival = arrival.apply(exchange -> gatewayInPath(exchange, s.gateways(), GatewaySettings.Kind.PFSENSE));
        HttpHandler genericArrival = arrival.apply(exchange -> gatewayInPath(exchange, s.gateways(), GatewaySettings.Kind.GENERIC));

        StaffAccess staffAccess = new StaffAccess(s.accounts(), new ApiAccess(s.apiToken()));
        RadiusApiHandler radiusApi = new RadiusApiHandler(s.radius(), s.coa(), staffAccess);
        StaffPages staffPages = new StaffPages(s.venues());
        DashboardHandler dashboard = new DashboardHandler(staffAccess, staffPages, s.stats(), s.venues(), s.clock());
        AdminHandler admin = new AdminHandler(staffAccess, staffPages, s.registry(), publicUrl, s.radius());
        PosterHandler posters = new PosterHandler(staffAccess, staffPages, s.campaigns(), s.venues(), publicUrl, !s.http().publicUrl().isEmpty(),
                s.clock());
        HttpHandler adminUsers = Blocking.offIoThread(new AdminUsersHandler(staffAccess, s.accounts().users(), s.venues()));
        HttpHandler login = Blocking.offIoThread(new LoginHandler(s.accounts(), staffAccess, staffPages, s.clock()));
        HttpHandler acknowledge = new ContinueHandler(tokens, visitorPages, s.gateways(), s.recorder(), afterDurable, grants,
                s.returning(), s.clock());
        // whose statistics a caller may read: every venue for an API caller (one place to change for per-user scopes)
        RoutingHandler routes = Handlers.routing()
                .get("/", demoArrival)
                .get("/opennds/{gateway}", openNdsArrival)
                .post("/opennds/{gateway}", new AuthmonHandler(openNdsGateway, new Authmon(s.polledGrants(), s.clock())))
                .get("/coova/{gateway}", coovaArrival)
                .get("/mikrotik/{gateway}", mikrotikArrival)
                .get("/meraki/{gateway}", merakiArrival)
                .get("/pfsense/{gateway}", pfsenseArrival)
                .get("/generic/{gateway}", genericArrival)
                .get("/notice", new NoticeHandler(tokens, visitorPages, s.venues()))
                .post("/continue", acknowledge)
                .get("/continue", acknowledge)
                .get("/connecting", Blocking.offIoThread(new ConnectingHandler(tokens, visitorPages, s.polledGrants(), grants, s.clock())))
                .get("/welcome", new WelcomeHandler(tokens, visitorPages, s.venues()))
                .get("/go", new OriginRedirectHandler(tokens, visitorPages))
                .get("/store/ios", new StoreClickHandler(Platform.IOS, tokens, visitorPages, s.recorder(), afterDurable))
                .get("/store/android", new StoreClickHandler(Platform.ANDROID, tokens, visitorPages, s.recorder(), afterDurable))
                .get("/q/{venue}", new ScanHandler(s.venues(), s.campaigns(), s.clock(), s.issuer(), s.recorder(), new ScanThrottle(s.clock()),
                        visitorPages, afterDurable))
                .get("/signage/{venue}", new SignageHandler(s.venues(), visitorPages, publicUrl, s.clock()))
                .get("/api/stats", Blocking.offIoThread(new StatsHandler(s.events(), s.venues(), staffAccess, s.clock())))
                .get("/api/stats/summary", Blocking.offIoThread(new StatsSummaryHandler(s.stats(), s.venues(), staffAccess, s.clock())))
                .get("/api/radius", Blocking.offIoThread(radiusApi.status()))
                .post("/api/sessions/disconnect", Blocking.offIoThread(radiusApi.disconnect()))
                .post("/api/gateways/{gateway}/redeem", Blocking.offIoThread(new GatewayRedeemHandler(s.gateways(), s.genericRedemption())))
                .get("/login", login)
                .post("/login", login)
                .post("/logout", Blocking.offIoThread(new LogoutHandler(s.accounts(), staffAccess, staffPages)))
                .get("/dashboard", dashboard.page())
                .get("/dashboard/export.csv", dashboard.csv())
                .get("/admin", exchange -> Responses.redirect(exchange, 302, "/admin/venues"))
                .get("/admin/venues", admin.venues())
                .post("/admin/venues", admin.venues())
                .get("/admin/gateways", admin.gateways())
                .post("/admin/gateways", admin.gateways())
                .get("/admin/radius-clients", admin.radiusClients())
                .post("/admin/radius-clients", admin.radiusClients())
                .get("/report", Blocking.offIoThread(new ReportHandler(staffAccess, staffPages, s.stats(), s.venues(), s.clock())))
                .get("/admin/posters", posters.list())
                .get("/admin/posters/{file}", posters.pdf())
                .get("/admin/users", adminUsers)
                .post("/admin/users", adminUsers)
                .get("/healthz", Blocking.offIoThread(new HealthHandler(s.health())))
                .get("/metrics", Blocking.offIoThread(new MetricsHandler(s.metrics(), s.metricsAccess().allowFrom())))
                .get("/captive-portal/api/{gateway}", new CaptivePortalApi(s.gateways(), s.venues(), s.online()))
                .get("/hotspot-detect.html", probes.answering(ConnectivityProbes.Online.APPLE))
                .get("/library/test/success.html", probes.answering(ConnectivityProbes.Online.APPLE))
                .get("/generate_204", probes.answering(ConnectivityProbes.Online.ANDROID))
                .get("/gen_204", probes.answering(ConnectivityProbes.Online.ANDROID))
                .get("/connecttest.txt", probes.answering(ConnectivityProbes.Online.WINDOWS))
                .get("/redirect", probes.answering(ConnectivityProbes.Online.WINDOWS))
                .get("/ncsi.txt", probes.answering(ConnectivityProbes.Online.WINDOWS_NCSI))
                .get("/success.txt", probes.answering(ConnectivityProbes.Online.FIREFOX))
                .get("/canonical.html", probes.answering(ConnectivityProbes.Online.FIREFOX_CANONICAL))
                .setFallbackHandler(exchange -> visitorPages.message(exchange, 404, MessageKind.NOT_FOUND))
                .setInvalidMethodHandler(exchange -> visitorPages.message(exchange, 405, MessageKind.NOT_FOUND));
        return new RequestMetrics(guarded(routes, visitorPages, s.http()), s.requestStats());
    }

    /** The wrappers every request goes through, outermost first: security headers, error pages, request limits. */
    static HttpHandler guarded(HttpHandler routes, VisitorPages visitorPages, HttpSettings http) {
        return new SecurityHeaders(new ErrorPages(new RequestLimits(routes, visitorPages, http.maxQueryBytes(), http.requestTimeout()),
                visitorPages));
    }

    private static Optional<Gateway> gatewayInPath(HttpServerExchange exchange, Gateways gateways, GatewaySettings.Kind kind) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String id = match == null ? "" : match.getParameters().getOrDefault("gateway", "");
        return gateways.find(id, kind);
    }
}
