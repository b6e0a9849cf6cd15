package vn.bluezone.portal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.bluezone.portal.Main;
import vn.bluezone.portal.accounts.AccountStore;
import vn.bluezone.portal.accounts.PasswordHasher;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.User;
import vn.bluezone.portal.config.ConfigLoader;
import vn.bluezone.portal.config.PortalConfig;
import vn.bluezone.portal.radius.RadiusServer;
import vn.bluezone.portal.store.SqlAccountStore;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.web.WebServer;

/**
 * A whole portal, in-process, on a free port, with its own data folder, the campaign shipped in
 * {@code portal-pages/} and a clock the test moves. Requests go over real HTTP.
 */
public final class PortalUnderTest implements AutoCloseable {
    public static final String FASKEY = "TestFasKey12345";
    public static final String UAMSECRET = "TestUamSecret1";
    public static final String GENERIC_SECRET = "generic-gateway-secret-1";
    public static final String DEMO_GENERIC_SECRET = "demo-generic-secret-22";

    /** Gateways that log visitors in through the portal's RADIUS server (configured by {@link #withRadiusClient}). */
    private static final String RADIUS_GATEWAYS = """
              - id: hue-chilli
                kind: coova
                venue: hue-station
                uamsecret: %s
              - id: hue-mikrotik
                kind: mikrotik
                venue: hue-station
              - id: hue-pfsense
                kind: pfsense
                venue: hue-station
            """.formatted(UAMSECRET).stripTrailing();

    /** openNDS at level 3 needs https: present only in portals made by {@link #withTls}. */
    private static final String LEVEL3_GATEWAY = """
              - id: hue-gw3
                kind: opennds
                venue: hue-station
                faskey: %s
                level: 3""";

    private final Main main = new Main();
    private final Path dataDir;
    private final int port;
    private final OptionalInt httpsPort;
    public final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    public final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public PortalUnderTest(Path dataDir, String extraYaml) {
        this(dataDir, "", "", extraYaml);
    }

    private PortalUnderTest(Path dataDir, String httpExtra, String radiusGateways, String extraYaml) {
        this.dataDir = dataDir;
        String yaml = """
                http:
                  host: 127.0.0.1
                  port: 0
                %s
                data-dir: %s
                pages-dir: %s
                venues:
                  - code: demo
                    name: Demo venue
                  - code: hue-station
                    name: "Bến xe Phía Nam Huế"
                    upload-kbps: 1024
                    download-kbps: 4096
                    upload-quota-mb: 100
                    download-quota-mb: 2047
                    info-url: https://huebus.example.vn/wifi
                    district: "TP. Huế"
                    type: "Bến xe / Bus station"
                gateways:
                  - id: demo
                    kind: demo
                    venue: demo
                  - id: hue-gw
                    kind: opennds
                    venue: hue-station
                    faskey: %s
                    level: 1
                    user-portal-url: http://10.231.1.1:2050/login
                  - id: hue-gw0
                    kind: opennds
                    venue: hue-station
                    level: 0
                %s
                  - id: hue-meraki
                    kind: meraki
                    venue: hue-station
                %s
                %s""".formatted(httpExtra, dataDir, Path.of("portal-pages").toAbsolutePath(), FASKEY,
                !httpExtra.contains("tls:") ? "" : LEVEL3_GATEWAY.formatted(FASKEY).indent(2).stripTrailing(), radiusGateways, extraYaml);
        PortalConfig config = new ConfigLoader(name -> null, dataDir).parse(yaml);
        WebServer server = main.start(config, clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        this.port = server.port();
        this.httpsPort = server.httpsPort();
    }

    /**
     * A portal that also listens for HTTPS on a free loopback port with this certificate and key, with the
     * openNDS level 3 gateway hue-gw3.
     */
    public static PortalUnderTest withTls(Path dataDir, Path certificate, Path privateKey) {
        String tls = "  tls:\n    port: 0\n    certificate: " + certificate + "\n    private-key: " + privateKey;
        return new PortalUnderTest(dataDir, tls, "", "");
    }

    /**
     * A portal with more gateways (YAML list items indented by two spaces, as in {@link #withGenericGateways}) and more
     * top-level configuration (e.g. a {@code counting} section).
     */
    public static PortalUnderTest withMoreGateways(Path dataDir, String gatewaysYaml, String extraYaml) {
        return new PortalUnderTest(dataDir, "", gatewaysYaml.stripTrailing(), extraYaml);
    }

    /** A portal with more keys in its {@code http} section (each line indented by two spaces), e.g. {@code "  request-timeout: 1s"}. */
    public static PortalUnderTest withHttp(Path dataDir, String httpKeys) {
        return new PortalUnderTest(dataDir, httpKeys, "", "");
    }

    /**
     * A portal whose RADIUS server listens on free loopback ports for one NAS on 127.0.0.1 at the hue-station
     * venue, with the gateways that log visitors in through it: hue-chilli, hue-mikrotik, hue-pfsense.
     */
    public static PortalUnderTest withRadiusClient(Path dataDir, String nasName, String secret) {
        return withRadiusClient(dataDir, nasName, secret, "");
    }

    /**
     * A portal with a gateway of every kind but openNDS level 3 (which needs https): those of {@link #withRadiusClient}
     * and hue-generic (secret {@link #GENERIC_SECRET}, any private-range login URL).
     */
    public static PortalUnderTest withEveryGatewayKind(Path dataDir, String nasName, String secret) {
        return withRadiusClient(dataDir, nasName, secret, "\n  - id: hue-generic\n    kind: generic\n    venue: hue-station\n    secret: "
                + GENERIC_SECRET);
    }

    private static PortalUnderTest withRadiusClient(Path dataDir, String nasName, String secret, String moreGateways) {
        return new PortalUnderTest(dataDir, "", RADIUS_GATEWAYS + moreGateways, """
                radius:
                  host: 127.0.0.1
                  auth-port: 0
                  acct-port: 0
                  clients:
                    - {name: %s, address: 127.0.0.1, secret: %s, venue: hue-station}
                """.formatted(nasName, secret));
    }

    /**
     * A portal with the generic gateways hue-generic (hue-station venue, secret {@link #GENERIC_SECRET}, login
     * pinned to {@code loginUrl} unless empty) and demo-generic (demo venue, {@link #DEMO_GENERIC_SECRET}).
     */
    public static PortalUnderTest withGenericGateways(Path dataDir, String loginUrl) {
        return new PortalUnderTest(dataDir, "", """
                  - id: hue-generic
                    kind: generic
                    venue: hue-station
                    secret: %s
                    login-url: "%s"
                  - id: demo-generic
                    kind: generic
                    venue: demo
                    secret: %s
                """.formatted(GENERIC_SECRET, loginUrl, DEMO_GENERIC_SECRET).stripTrailing(), "");
    }

    /** The portal's RADIUS server, when the extra configuration enables it. */
    public RadiusServer radius() {
        return main.radius().orElseThrow(() -> new IllegalStateException("RADIUS is not enabled in this test's configuration"));
    }

    /** The portal's staff accounts, in its own database (as the {@code user} command reaches them). */
    public AccountStore accounts() {
        return new SqlAccountStore(SqliteDatabase.open(dataDir.resolve("portal.db")), clock);
    }

    /** Adds a staff account, as {@code user add} does. */
    public void addUser(String username, Role role, Set<String> venues, String password) {
        accounts().add(new User(username, role, venues, new PasswordHasher().hash(password)));
    }

    /** Signs in through the form as a browser does; returns the {@code Cookie} header value of the session. */
    public String signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        if (!csrf.find()) {
            throw new AssertionError("no sign-in form: " + form.body());
        }
        HttpResponse<String> in = postForm("/login", "csrf=" + csrf.group(1) + "&username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2Fdashboard", "Cookie", "bz_login=" + cookie(form));
        if (in.statusCode() != 303) {
            throw new AssertionError("sign-in as " + username + " answered " + in.statusCode());
        }
        return "bz_session=" + cookie(in);
    }

    private static String cookie(HttpResponse<String> response) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            Matcher m = Pattern.compile("bz_(?:login|session)=([^;]+)").matcher(line);
            if (m.find() && !m.group(1).isEmpty()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no cookie in " + response.headers());
    }

    /** The bound http port, for raw sockets. */
    public int port() {
        return port;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** The same path on the HTTPS listener (portals made by {@link #withTls}). */
    public URI httpsUri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + httpsPort.orElseThrow() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> postForm(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        main.close();
    }
}
