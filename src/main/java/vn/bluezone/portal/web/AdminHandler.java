package vn.bluezone.portal.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.NasClientSettings;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.gateway.QueryString;
import vn.bluezone.portal.radius.RadiusServer;
import vn.bluezone.portal.venue.Registry;

/**
 * {@code GET|POST /admin/venues}, {@code /admin/gateways}, {@code /admin/radius-clients}: operators list and add
 * venues, gateways and RADIUS clients (those of the configuration file are shown read-only). Without a session the
 * browser is sent to sign in; other roles get 403; a form without this session's CSRF token gets 403. A new
 * gateway's or client's secret is made by the portal and shown once, in the answer to the form.
 */
final class AdminHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final int MAX_FORM_BYTES = 8192;

    private final StaffAccess access;
    private final StaffPages staffPages;
    private final AdminPages pages;
    private final Registry registry;
    private final PublicUrl publicUrl;
    private final Optional<RadiusServer> radius;

    AdminHandler(StaffAccess access, StaffPages staffPages, Registry registry, PublicUrl publicUrl, Optional<RadiusServer> radius) {
        this.access = access;
        this.staffPages = staffPages;
        this.pages = new AdminPages(registry);
        this.registry = registry;
        this.publicUrl = publicUrl;
        this.radius = radius;
    }

    private interface Section {
        byte[] list(Staff staff, AdminPages.Notice notice, Map<String, String> form);

        /** Adds the entry; answers the page to show, or throws {@link Registry.Refused}. */
        void add(HttpServerExchange exchange, Staff staff, Map<String, String> form);
    }

    HttpHandler venues() {
        return handler("/admin/venues", new Section() {
            @Override
            public byte[] list(Staff staff, AdminPages.Notice notice, Map<String, String> form) {
                return pages.venues(staff, notice, form);
            }

            @Override
            public void add(HttpServerExchange exchange, Staff staff, Map<String, String> form) {
                VenueSettings venue = registry.addVenue(keys(form, "code", "name", "time-zone", "remind-every", "session-timeout", "district", "type"),
                        staff.username());
                log.info("{} added the venue {}", staff.username(), venue.code());
                Responses.redirect(exchange, 303, "/admin/venues?added=" + URLEncoder.encode(venue.code(), StandardCharsets.UTF_8));
            }
        });
    }

    HttpHandler gateways() {
        return handler("/admin/gateways", new Section() {
            @Override
            public byte[] list(Staff staff, AdminPages.Notice notice, Map<String, String> form) {
                return pages.gateways(staff, notice, form);
            }

            @Override
            public void add(HttpServerExchange exchange, Staff staff, Map<String, String> form) {
                Map<String, Object> keys = keys(form, "id", "kind", "venue");
                String kind = form.getOrDefault("kind", "");
                if (kind.equals("opennds")) {
                    String level = form.getOrDefault("level", "");
                    keys.put("level", level.matches("[0-9]") ? Integer.valueOf(level) : level);
                }
                String addressKey = switch (kind) {
                    case "opennds" -> "gateway-address";
                    case "coova" -> "uam-address";
                    case "mikrotik" -> "hotspot-address";
                    case "pfsense" -> "portal-address";
                    case "meraki" -> "grant-domain";
                    case "generic" -> "login-url";
                    default -> "";
                };
                String address = form.getOrDefault("address", "").strip();
                if (!addressKey.isEmpty() && !address.isEmpty()) {
                    keys.put(addressKey, address);
                }
                GatewaySettings g = registry.addGateway(keys, staff.username());
                log.info("{} added the {} gateway {}", staff.username(), kind, g.id());
                String base = publicUrl.base(exchange);
                Responses.html(exchange, 200, pages.secretOnce(staff, "Đã thêm thiết bị cổng " + g.id(), "Gateway " + g.id() + " added",
                        "/admin/gateways", pasteLines(g, base)));
            }
        });
    }

    HttpHandler radiusClients() {
        return handler("/admin/radius-clients", new Section() {
            @Override
            public byte[] list(Staff staff, AdminPages.Notice notice, Map<String, String> form) {
                return pages.radiusClients(staff, notice, form);
            }

            @Override
            public void add(HttpServerExchange exchange, Staff staff, Map<String, String> form) {
                NasClientSettings c = registry.addNasClient(keys(form, "name", "address", "venue"), staff.username());
                log.info("{} added the RADIUS client {} at {}", staff.username(), c.name(), c.address());
                String host = host(publicUrl.base(exchange));
                List<String> lines = new ArrayList<>();
                lines.add("# RADIUS client " + c.name() + " (" + c.address() + ", venue " + c.venue() + ")");
                lines.add("server:          " + host);
                radius.ifPresent(r -> lines.add("auth port:       " + r.authPort() + "/udp, accounting port: " + r.acctPort() + "/udp"));
                lines.add("shared secret:   " + c.secret());
                lines.add("Message-Authenticator: required");
                Responses.html(exchange, 200, pages.secretOnce(staff, "Đã thêm máy khách RADIUS " + c.name(), "RADIUS client " + c.name() + " added",
                        "/admin/radius-clients", lines));
            }
        });
    }

    /** What to set on the gateway; includes the secret. */
    static List<String> pasteLines(GatewaySettings g, String base) {
        List<String> lines = new ArrayList<>();
        switch (g.kind()) {
            case OPENNDS -> {
                URI uri = uri(base);
                String host = uri == null || uri.getHost() == null ? "<portal address>" : uri.getHost();
                int port = uri == null ? -1 : uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
                lines.add("# /etc/config/opennds, section opennds");
                lines.add("option fas_secure_enabled '" + g.openNds().level() + "'");
                lines.add("option faspath '/opennds/" + g.id() + "/'");
                lines.add("option faskey '" + g.openNds().faskey() + "'");
                lines.add("option fasport '" + (g.openNds().authmon() ? "<the portal's https port>" : String.valueOf(port)) + "'");
                lines.add(host.matches("[0-9.]+") ? "option fasremoteip '" + host + "'" : "option fasremotefqdn '" + host + "'");
            }
            case COOVA -> {
                lines.add("uamserver  " + base + "/coova/" + g.id() + "/");
                lines.add("uamsecret  " + g.coova().uamsecret());
                lines.add("# chilli logs visitors in through the portal's RADIUS server: add it as a RADIUS client too");
            }
            case GENERIC -> {
                lines.add("BZ_PORTAL_URL=" + base);
                lines.add("BZ_GATEWAY_ID=" + g.id());
                lines.add("BZ_GATEWAY_SECRET=" + g.generic().secret());
            }
            case MIKROTIK -> {
                lines.add("# login.html forwards to " + base + "/mikrotik/" + g.id() + "/ (no secret for this kind)");
                lines.add("# the router logs visitors in through the portal's RADIUS server: add it as a RADIUS client too");
            }
            case PFSENSE -> {
                lines.add("# portal.html forwards to " + base + "/pfsense/" + g.id() + "/ (no secret for this kind)");
                lines.add("# pfSense logs visitors in through the portal's RADIUS server: add it as a RADIUS client too");
            }
            case MERAKI -> lines.add("# splash page URL: " + base + "/meraki/" + g.id() + "/ (no secret for this kind)");
            case DEMO -> {
            }
        }
        return lines;
    }

    private HttpHandler handler(String path, Section section) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(exchange1 -> serve(exchange1, path, section));
                return;
            }
            serve(exchange, path, section);
        };
    }

    private void serve(HttpServerExchange exchange, String path, Section section) throws IOException {
        try {
            Optional<Staff> staff = access.signedIn(exchange);
            if (staff.isEmpty()) {
                StaffAccess.sessionId(exchange).ifPresent(expired -> StaffCookies.clear(exchange, StaffAccess.SESSION_COOKIE));
                Responses.redirect(exchange, 303, "/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
                return;
            }
            if (!staff.get().role().manages()) {
                Responses.html(exchange, 403, staffPages.message("Chỉ nhà vận hành được quản lý địa điểm, thiết bị cổng và máy khách RADIUS.",
                        "Only operators may manage venues, gateways and RADIUS clients.", List.of()));
                return;
            }
            if (!exchange.getRequestMethod().equals(Methods.POST)) {
                String added = VisitorPages.parameter(exchange, "added");
                AdminPages.Notice notice = added == null || added.isEmpty() ? AdminPages.Notice.NONE
                        : new AdminPages.Notice(false, "Đã thêm " + added + ".", added + " added.");
                Responses.html(exchange, 200, section.list(staff.get(), notice, Map.of()));
                return;
            }
            exchange.startBlocking();
            byte[] raw = exchange.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
            if (raw.length > MAX_FORM_BYTES) {
                Responses.html(exchange, 413, staffPages.message("Biểu mẫu quá lớn.", "The form is too large.", List.of()));
                return;
            }
            Map<String, String> form = form(raw);
            if (!staff.get().csrfMatches(form.get("csrf"))) {
                Responses.html(exchange, 403, staffPages.message("Biểu mẫu đã hết hạn hoặc không đến từ trang này. Vui lòng tải lại trang.",
                        "This form expired or did not come from this page. Please reload the page.", List.of()));
                return;
            }
            try {
                section.add(exchange, staff.get(), form);
            } catch (Registry.Refused refused) {
                Responses.html(exchange, 400, section.list(staff.get(), new AdminPages.Notice(true, refused.vi(), refused.en()), form));
            }
        } catch (StoreUnavailableException e) {
            log.warn("{}: {}", path, e.getMessage());
            Responses.html(exchange, 503, staffPages.message("Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                    "The portal is busy; please try again in a few minutes.", List.of()));
        }
    }

    private static Map<String, String> form(byte[] raw) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            String name = QueryString.percentDecode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : QueryString.percentDecode(pair.substring(eq + 1).replace('+', ' '));
            form.putIfAbsent(name, value);
        }
        return form;
    }

    /** The non-empty form fields of these names, as configuration keys. */
    private static Map<String, Object> keys(Map<String, String> form, String... names) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String name : names) {
            String value = form.getOrDefault(name, "").strip();
            if (!value.isEmpty()) {
                keys.put(name, value);
            }
        }
        return keys;
    }

    private static URI uri(String base) {
        try {
            return new URI(base);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String host(String base) {
        URI uri = uri(base);
        return uri == null || uri.getHost() == null ? "<portal address>" : uri.getHost();
    }
}
