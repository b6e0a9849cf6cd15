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
import vn.bluezone.portal.venue.RegistryStore;

/**
 * {@code GET|POST /admin/venues}, {@code /admin/gateways}, {@code /admin/radius-clients}: operators list, add and
 * remove venues, gateways and RADIUS clients and give them new secrets (those of the configuration file are shown
 * read-only). Without a session the
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
        RegistryStore.Section registrySection();

        byte[] list(Staff staff, AdminPages.Notice notice, Map<String, String> form);

        /** Adds the entry; answers the page to show, or throws {@link Registry.Refused}. */
        void add(HttpServerExchange exchange, Staff staff, Map<String, String> form);

        /** Gives the entry a new secret and shows it once, or throws {@link Registry.Refused}. */
        default void newSecret(HttpServerExchange exchange, Staff staff, String key) {
            throw new IllegalStateException("no secrets here");
        }
    }

    HttpHandler venues() {
        return handler("/admin/venues", new Section() {
            @Override
            public RegistryStore.Section registrySection() {
                return RegistryStore.Section.VENUE;
            }

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
            public RegistryStore.Section registrySection() {
                return RegistryStore.Section.GATEWAY;
            }

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

            @Override
            public void newSecret(HttpServerExchange exchange, Staff staff, String key) {
                GatewaySettings g = registry.newGatewaySecret(key, staff.username());
                Responses.html(exchange, 200, pages.secretOnce(staff, "Khoá mới cho thiết bị cổng " + g.id(), "New secret for the gateway " + g.id(),
                        "/admin/gateways", pasteLines(g, publicUrl.base(exchange))));
            }
        });
    }

    HttpHandler radiusClients() {
        return handler("/admin/radius-clients", new Section() {
            @Override
            public RegistryStore.Section registrySection() {
                return RegistryStore.Section.RADIUS_CLIENT;
            }

            @Override
            public byte[] list(Staff staff, AdminPages.Notice notice, Map<String, String> form) {
                return pages.radiusClients(staff, notice, form);
            }

            @Override
            public void add(HttpServerExchange exchange, Staff staff, Map<String, String> form) {
                NasClientSettings c = registry.addNasClient(keys(form, "name", "address", "venue"), staff.username());
                log.info("{} added the RADIUS client {} at {}", staff.username(), c.name(), c.address());
                Responses.html(exchange, 200, pages.secretOnce(staff, "Đã thêm máy khách RADIUS " + c.name(), "RADIUS client " + c.name() + " added",
                        "/admin/radius-clients", pasteLines(c, publicUrl.base(exchange))));
            }

            @Override
            public void newSecret(HttpServerExchange exchange, Staff staff, String key) {
                NasClientSettings c = registry.newNasClientSecret(key, staff.username());
                Responses.html(exchange, 200, pages.secretOnce(staff, "Khoá mới cho máy khách RADIUS " + c.name(),
                        "New secret for the RADIUS client " + c.name(), "/admin/radius-clients", pasteLines(c, publicUrl.base(exchange))));
            }
        });
    }

    /** What to set on a RADIUS client; includes the secret. */
    private List<String> pasteLines(NasClientSettings c, String base) {
        List<String> lines = new ArrayList<>();
        lines.add("# RADIUS client " + c.name() + " (" + c.address() + ", venue " + c.venue() + ")");
        lines.add("server:          " + host(base));
        radius.ifPresent(r -> lines.add("auth port:       " + r.authPort() + "/udp, accounting port: " + r.acctPort() + "/udp"));
        lines.add("shared secret:   " + c.secret());
        lines.add("Message-Authenticator: required");
        return lines;
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
        return Blocking.offIoThread(exchange -> serve(exchange, path, section));
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
                String removed = VisitorPages.parameter(exchange, "removed");
                AdminPages.Notice notice = added != null && !added.isEmpty() ? new AdminPages.Notice(false, "Đã thêm " + added + ".", added + " added.")
                        : removed != null && !removed.isEmpty() ? new AdminPages.Notice(false, "Đã xoá " + removed + ".", removed + " removed.")
                        : AdminPages.Notice.NONE;
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
                act(exchange, path, section, staff.get(), form);
            } catch (Registry.Refused refused) {
                Responses.html(exchange, 400, section.list(staff.get(), new AdminPages.Notice(true, refused.vi(), refused.en()), form));
            }
        } catch (StoreUnavailableException e) {
            log.warn("{}: {}", path, e.getMessage());
            Responses.html(exchange, 503, staffPages.message("Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                    "The portal is busy; please try again in a few minutes.", List.of()));
        }
    }

    /**
     * Adds an entry, or removes one or gives it a new secret: those two only after the operator confirmed on a page
     * that names the entry (a stray click changes nothing).
     */
    private void act(HttpServerExchange exchange, String path, Section section, Staff staff, Map<String, String> form) {
        String action = form.getOrDefault("action", "add");
        String key = form.getOrDefault("key", "");
        boolean confirmed = "yes".equals(form.get("confirm"));
        switch (action) {
            case "remove" -> {
                if (!confirmed) {
                    Responses.html(exchange, 200, pages.confirm(staff, path, action, key, "Xoá '" + key + "'?", "Remove '" + key + "'?"));
                    return;
                }
                registry.remove(section.registrySection(), key, staff.username());
                Responses.redirect(exchange, 303, path + "?removed=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
            }
            case "new-secret" -> {
                if (!confirmed) {
                    Responses.html(exchange, 200, pages.confirm(staff, path, action, key, "Tạo khoá mới cho '" + key + "'? Khoá cũ sẽ ngừng hoạt động.",
                            "Make a new secret for '" + key + "'? The old one stops working."));
                    return;
                }
                section.newSecret(exchange, staff, key);
            }
            default -> section.add(exchange, staff, form);
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
