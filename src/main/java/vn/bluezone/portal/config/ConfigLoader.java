package vn.bluezone.portal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the YAML configuration: environment references first, then keys, then cross-checks.
 * Relative paths are resolved against the working directory.
 */
public final class ConfigLoader {
    /** The key openNDS uses when none is configured; it is public, so anyone could forge grants with it. */
    static final String OPENNDS_DEFAULT_FASKEY = "1234567890";
    private static final String DEMO_RESOURCE = "/demo-config.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvironmentSubstitution substitution;
    private final Path workingDir;

    public ConfigLoader(Function<String, String> environment, Path workingDir) {
        this.substitution = new EnvironmentSubstitution(environment);
        this.workingDir = workingDir;
    }

    /** The built-in configuration: one demo venue and gateway, embedded store under {@code ./data}. */
    public PortalConfig demo() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("built-in demo configuration is missing", e);
        }
    }

    public PortalConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        return parse(text);
    }

    public PortalConfig parse(String yaml) {
        JsonNode tree;
        try {
            tree = new YAMLMapper().readTree(substitution.apply(yaml));
        } catch (JsonProcessingException e) {
            throw new ConfigException("YAML", e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
        ConfigNode root = ConfigNode.root(tree);
        root.allowOnly(Set.of("http", "data-dir", "pages-dir", "campaign", "visit-lifetime", "api", "store", "venues", "gateways", "radius",
                "accounts", "metrics", "counting"));

        Path dataDir = root.get("data-dir").path(workingDir, workingDir.resolve("data"));
        PortalConfig config = new PortalConfig(
                http(root.get("http")),
                dataDir,
                root.get("pages-dir").path(workingDir, workingDir.resolve("portal-pages")),
                campaign(root.get("campaign")),
                root.get("visit-lifetime").duration(Duration.ofMinutes(30)),
                api(root.get("api")),
                store(root.get("store"), dataDir),
                venues(root.get("venues")),
                gateways(root.get("gateways")),
                radius(root.get("radius")),
                accounts(root.get("accounts")),
                metrics(root.get("metrics")),
                counting(root.get("counting")));
        crossCheck(config);
        return config;
    }

    private HttpSettings http(ConfigNode node) {
        node.allowOnly(Set.of("host", "port", "public-url", "max-query-bytes", "idle-timeout", "request-timeout", "tls"));
        return new HttpSettings(
                node.get("host").text("0.0.0.0"),
                node.get("port").integer(8080, 0, 65535),
                node.get("public-url").text(""),
                node.get("max-query-bytes").integer(8192, 1024, 65536),
                node.get("idle-timeout").duration(Duration.ofSeconds(30)),
                positive(node.get("request-timeout"), Duration.ofSeconds(10)),
                tls(node.get("tls")));
    }

    /** The HTTPS listener; off when the section is absent. The PEM files are read at start, not here. */
    private Optional<TlsSettings> tls(ConfigNode node) {
        node.allowOnly(Set.of("port", "certificate", "private-key"));
        if (node.isMissing()) {
            return Optional.empty();
        }
        return Optional.of(new TlsSettings(
                node.get("port").integer(TlsSettings.DEFAULT_PORT, 0, 65535),
                node.get("certificate").requiredPath(workingDir),
                node.get("private-key").requiredPath(workingDir)));
    }

    private static String campaign(ConfigNode node) {
        String id = node.text("bluezone");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,62}")) {
            throw new ConfigException(node.path(), "must be a folder name under portal-pages/campaigns, got '" + id + "'");
        }
        return id;
    }

    private static String api(ConfigNode node) {
        node.allowOnly(Set.of("token"));
        String token = node.get("token").text("");
        if (!token.isEmpty() && token.length() < 16) {
            throw new ConfigException("api.token", "must be at least 16 characters (or empty for loopback-only access)");
        }
        return token;
    }

    /** Who may read {@code /metrics}: loopback unless {@code allow-from} lists addresses or CIDR blocks ({@code []}: nobody). */
    private static MetricsSettings metrics(ConfigNode node) {
        node.allowOnly(Set.of("allow-from"));
        ConfigNode allowFrom = node.get("allow-from");
        if (allowFrom.isMissing()) {
            return MetricsSettings.DEFAULT;
        }
        List<String> addresses = new ArrayList<>();
        for (ConfigNode item : allowFrom.list()) {
            String address = item.requiredText();
            if (!new IPAddressString(address).isIPAddress()) {
                throw new ConfigException(item.path(), "must be an IP address or a CIDR block such as 10.20.0.0/16, got '" + address + "'");
            }
            addresses.add(address);
        }
        return new MetricsSettings(addresses);
    }

    private static CountingSettings counting(ConfigNode node) {
        node.allowOnly(Set.of("device-limit", "device-window", "address-limit", "address-window"));
        CountingSettings defaults = CountingSettings.DEFAULT;
        return new CountingSettings(
                node.get("device-limit").integer(defaults.deviceLimit(), 0, 1_000_000),
                positive(node.get("device-window"), defaults.deviceWindow()),
                node.get("address-limit").integer(defaults.addressLimit(), 0, 100_000_000),
                positive(node.get("address-window"), defaults.addressWindow()));
    }

    private static AccountSettings accounts(ConfigNode node) {
        node.allowOnly(Set.of("session-idle-timeout", "session-lifetime", "login-max-failures", "login-lockout"));
        AccountSettings defaults = AccountSettings.DEFAULT;
        return new AccountSettings(
                positive(node.get("session-idle-timeout"), defaults.sessionIdleTimeout()),
                positive(node.get("session-lifetime"), defaults.sessionLifetime()),
                node.get("login-max-failures").integer(defaults.loginMaxFailures(), 1, 1000),
                positive(node.get("login-lockout"), defaults.loginLockout()));
    }

    private StoreSettings store(ConfigNode node, Path dataDir) {
        node.allowOnly(Set.of("kind", "sqlite-file", "postgres", "max-batch", "queue-capacity", "commit-timeout", "retention"));
        StoreSettings.Kind kind = node.get("kind").isMissing() ? StoreSettings.Kind.SQLITE
                : node.get("kind").parsed(k -> StoreSettings.Kind.valueOf(k.toUpperCase(Locale.ROOT)), "sqlite or postgres");
        if (kind == StoreSettings.Kind.POSTGRES && !node.get("sqlite-file").text("").isEmpty()) {
            throw new ConfigException("store.sqlite-file", "applies only to store.kind sqlite (this store is postgres)");
        }
        if (kind == StoreSettings.Kind.SQLITE && !node.get("postgres").isMissing()) {
            throw new ConfigException("store.postgres", "applies only to store.kind postgres (set kind: postgres, or remove the section)");
        }
        return new StoreSettings(
                kind,
                node.get("sqlite-file").path(workingDir, dataDir.resolve("portal.db")),
                kind == StoreSettings.Kind.POSTGRES ? Optional.of(postgres(node.get("postgres"))) : Optional.empty(),
                node.get("max-batch").integer(1000, 1, 100_000),
                node.get("queue-capacity").integer(50_000, 100, 10_000_000),
                node.get("commit-timeout").duration(Duration.ofSeconds(5)),
                retention(node.get("retention")));
    }

    /** The shared database of a fleet; the password usually comes from the environment ({@code ${BZ_DB_PASSWORD}}). */
    private static PostgresSettings postgres(ConfigNode node) {
        node.allowOnly(Set.of("url", "user", "password", "pool-size", "writers"));
        if (node.isMissing()) {
            throw new ConfigException("store.postgres", "is required with store.kind postgres (url, user, password, pool-size)");
        }
        String url = node.get("url").requiredText();
        if (!url.matches("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?")) {
            throw new ConfigException("store.postgres.url", "must be a JDBC URL such as jdbc:postgresql://db.example.vn:5432/bluezone, got '"
                    + url.replaceAll("(?i)(password=)[^&]*", "$1***") + "'");
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw new ConfigException("store.postgres.url", "must not hold the password: put it in store.postgres.password "
                    + "(which may read it from the environment: ${BZ_DB_PASSWORD})");
        }
        int poolSize = node.get("pool-size").integer(10, 2, 200);
        int writers = node.get("writers").integer(1, 1, 16);
        if (writers >= poolSize) {
            throw new ConfigException("store.postgres.writers", "each writer holds a connection: it must be below pool-size (" + poolSize
                    + "), so the statistics, accounts and RADIUS lookups keep some");
        }
        return new PostgresSettings(url, node.get("user").text(""), node.get("password").text(""), poolSize, writers);
    }

    private static Duration retention(ConfigNode node) {
        Duration d = node.duration(Duration.ofDays(90));
        if (d.compareTo(Duration.ofDays(1)) < 0 || d.compareTo(Duration.ofDays(36_500)) > 0) {
            throw new ConfigException(node.path(), "must be between 1d and 36500d, such as 90d");
        }
        return d;
    }

    private static List<VenueSettings> venues(ConfigNode node) {
        List<VenueSettings> venues = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            venues.add(venue(item));
        }
        if (venues.isEmpty()) {
            throw new ConfigException(node.path(), "at least one venue is required");
        }
        return venues;
    }

    /**
     * One venue given in the configuration file's keys ({@code code}, {@code name}, {@code time-zone}, ...), checked
     * by the same rules as an item of {@code venues:}: how venues added in the web UI are stored and read back.
     * Checks across entries (codes used twice) are the caller's.
     */
    public static VenueSettings venue(Map<String, ?> keys) {
        return venue(ConfigNode.root(JSON.valueToTree(keys)));
    }

    /** One gateway in the configuration file's keys ({@code id}, {@code kind}, {@code venue}, {@code faskey}, ...); see {@link #venue(Map)}. */
    public static GatewaySettings gateway(Map<String, ?> keys) {
        return gateway(ConfigNode.root(JSON.valueToTree(keys)));
    }

    /** One RADIUS client in the configuration file's keys ({@code name}, {@code address}, {@code secret}, {@code venue}, ...). */
    public static NasClientSettings nasClient(Map<String, ?> keys) {
        return nasClient(ConfigNode.root(JSON.valueToTree(keys)));
    }

    private static VenueSettings venue(ConfigNode item) {
        item.allowOnly(Set.of("code", "name", "time-zone", "remind-every", "session-timeout", "idle-timeout",
                "interim-interval", "upload-kbps", "download-kbps", "upload-quota-mb", "download-quota-mb", "info-url", "district", "type",
                "languages"));
        String code = item.get("code").requiredText();
        if (!code.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new ConfigException(item.get("code").path(), "'" + code + "' must be lower-case letters, digits and '-'");
        }
        VenueSettings.SessionLimits defaults = VenueSettings.SessionLimits.DEFAULT;
        return new VenueSettings(code,
                item.get("name").text(code),
                item.get("time-zone").isMissing() ? ZoneId.of("Asia/Ho_Chi_Minh")
                        : item.get("time-zone").parsed(ZoneId::of, "a time zone such as Asia/Ho_Chi_Minh"),
                positive(item.get("remind-every"), Duration.ofHours(24)),
                new VenueSettings.SessionLimits(
                        positive(item.get("session-timeout"), defaults.sessionTimeout()),
                        positive(item.get("idle-timeout"), defaults.idleTimeout()),
                        positive(item.get("interim-interval"), defaults.interimInterval()),
                        item.get("upload-kbps").integer(0, 0, 10_000_000),
                        item.get("download-kbps").integer(0, 0, 10_000_000),
                        item.get("upload-quota-mb").integer(0, 0, VenueSettings.SessionLimits.MAX_QUOTA_MB),
                        item.get("download-quota-mb").integer(0, 0, VenueSettings.SessionLimits.MAX_QUOTA_MB)),
                webUrl(item.get("info-url")),
                label(item.get("district")),
                label(item.get("type")),
                languageCodes(item.get("languages")));
    }

    /** A list of language codes ({@code [vi, en]}); whether the campaign has texts in them is checked at start. */
    private static List<String> languageCodes(ConfigNode node) {
        List<String> codes = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            String code = item.requiredText();
            if (!code.matches("[a-z]{2,3}")) {
                throw new ConfigException(item.path(), "'" + code + "' must be a language code such as vi or en");
            }
            codes.add(code);
        }
        return codes;
    }

    private static List<GatewaySettings> gateways(ConfigNode node) {
        List<GatewaySettings> gateways = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            gateways.add(gateway(item));
        }
        if (gateways.isEmpty()) {
            throw new ConfigException(node.path(), "at least one gateway is required");
        }
        return gateways;
    }

    private static GatewaySettings gateway(ConfigNode item) {
        item.allowOnly(Set.of("id", "kind", "venue", "faskey", "level", "gateway-name", "gateway-address", "uamsecret",
                "uam-address", "hotspot-address", "grant-domain", "duration", "portal-address", "secret", "login-url",
                "user-portal-url", "source-addresses"));
        String id = item.get("id").requiredText();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new ConfigException(item.get("id").path(), "'" + id + "' must be lower-case letters, digits and '-'");
        }
        GatewaySettings.Kind kind = item.get("kind").parsed(
                k -> GatewaySettings.Kind.valueOf(k.toUpperCase(Locale.ROOT)), "one of: demo, opennds, coova, mikrotik, meraki, pfsense, generic");
        String venue = item.get("venue").requiredText();
        GatewaySettings.OpenNdsSettings openNds = kind == GatewaySettings.Kind.OPENNDS ? openNds(item) : null;
        GatewaySettings.CoovaSettings coova = kind == GatewaySettings.Kind.COOVA ? coova(item) : null;
        GatewaySettings.MikrotikSettings mikrotik = kind == GatewaySettings.Kind.MIKROTIK ? mikrotik(item) : null;
        GatewaySettings.MerakiSettings meraki = kind == GatewaySettings.Kind.MERAKI ? meraki(item) : null;
        GatewaySettings.PfsenseSettings pfsense = kind == GatewaySettings.Kind.PFSENSE ? pfsense(item) : null;
        GatewaySettings.GenericSettings generic = kind == GatewaySettings.Kind.GENERIC ? generic(item) : null;
        onlyFor(item, kind, GatewaySettings.Kind.OPENNDS, "faskey", "level", "gateway-name", "gateway-address");
        onlyFor(item, kind, GatewaySettings.Kind.COOVA, "uamsecret", "uam-address");
        onlyFor(item, kind, GatewaySettings.Kind.MIKROTIK, "hotspot-address");
        onlyFor(item, kind, GatewaySettings.Kind.MERAKI, "grant-domain", "duration");
        onlyFor(item, kind, GatewaySettings.Kind.PFSENSE, "portal-address");
        onlyFor(item, kind, GatewaySettings.Kind.GENERIC, "secret", "login-url");
        return new GatewaySettings(id, kind, venue, openNds, coova, mikrotik, meraki, pfsense, generic,
                webUrl(item.get("user-portal-url")), sourceAddresses(item.get("source-addresses")));
    }

    private static List<String> sourceAddresses(ConfigNode node) {
        List<String> addresses = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            String address = item.requiredText();
            if (!new IPAddressString(address).isIPAddress()) {
                throw new ConfigException(item.path(), "must be an IP address or a CIDR block such as 203.0.113.0/24, got '" + address + "'");
            }
            addresses.add(address);
        }
        return addresses;
    }

    private static void onlyFor(ConfigNode item, GatewaySettings.Kind kind, GatewaySettings.Kind owner, String... keys) {
        if (kind == owner) {
            return;
        }
        for (String key : keys) {
            if (!item.get(key).isMissing()) {
                throw new ConfigException(item.get(key).path(), "applies only to gateways of kind " + owner.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static GatewaySettings.MerakiSettings meraki(ConfigNode item) {
        String domain = item.get("grant-domain").text("network-auth.com").toLowerCase(Locale.ROOT);
        if (!domain.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
            throw new ConfigException(item.get("grant-domain").path(), "must be a domain name such as network-auth.com");
        }
        return new GatewaySettings.MerakiSettings(domain, positive(item.get("duration"), Duration.ofHours(24)));
    }

    private static GatewaySettings.GenericSettings generic(ConfigNode item) {
        ConfigNode secretNode = item.get("secret");
        String secret = secretNode.requiredText();
        if (!secret.matches("[\\x21-\\x7e]{16,128}")) {
            throw new ConfigException(secretNode.path(), "must be 16 to 128 printable ASCII characters without spaces, e.g. openssl rand -hex 32");
        }
        ConfigNode loginNode = item.get("login-url");
        String loginUrl = loginNode.text("");
        if (!loginUrl.isEmpty() && !isPlainHttpUrl(loginUrl)) {
            throw new ConfigException(loginNode.path(),
                    "must be the gateway's login address as http(s)://host:port/path, without user, query or fragment, got '" + loginUrl + "'");
        }
        return new GatewaySettings.GenericSettings(secret, loginUrl);
    }

    private static boolean isPlainHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static GatewaySettings.PfsenseSettings pfsense(ConfigNode item) {
        String address = item.get("portal-address").text("");
        if (!address.isEmpty() && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new ConfigException(item.get("portal-address").path(), "must be the firewall's IPv4 address, e.g. 192.168.1.1");
        }
        return new GatewaySettings.PfsenseSettings(address);
    }

    private static GatewaySettings.MikrotikSettings mikrotik(ConfigNode item) {
        String address = item.get("hotspot-address").text("");
        if (!address.isEmpty() && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new ConfigException(item.get("hotspot-address").path(), "must be the hotspot's IPv4 address, e.g. 10.5.50.1");
        }
        return new GatewaySettings.MikrotikSettings(address);
    }

    private static GatewaySettings.CoovaSettings coova(ConfigNode item) {
        ConfigNode secretNode = item.get("uamsecret");
        String uamsecret = secretNode.requiredText();
        if (uamsecret.length() < 8 || uamsecret.length() > 128) {
            throw new ConfigException(secretNode.path(), "must be 8 to 128 characters, the same as uamsecret in chilli's configuration");
        }
        String address = item.get("uam-address").text("");
        if (!address.isEmpty() && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}")) {
            throw new ConfigException(item.get("uam-address").path(), "must be uamip:uamport as chilli sends them, e.g. 10.1.0.1:3990");
        }
        return new GatewaySettings.CoovaSettings(uamsecret, address);
    }

    private static GatewaySettings.OpenNdsSettings openNds(ConfigNode item) {
        int level = item.get("level").integer(2, 0, 4);
        ConfigNode keyNode = item.get("faskey");
        String faskey = level == 0 ? keyNode.text("") : keyNode.requiredText();
        if (level == 0 && !faskey.isEmpty()) {
            throw new ConfigException(keyNode.path(), "is not used at level 0 (the token travels in clear); remove it or use level 1 or higher");
        }
        if (faskey.equals(OPENNDS_DEFAULT_FASKEY)) {
            throw new ConfigException(keyNode.path(),
                    "is openNDS's public default key; set a secret faskey on the gateway and here");
        }
        if (level > 0 && !faskey.matches("[A-Za-z0-9]{8,64}")) {
            throw new ConfigException(keyNode.path(), "must be 8 to 64 letters and digits (openNDS passes it to shell and PHP)");
        }
        String address = item.get("gateway-address").text("");
        if (!address.isEmpty() && !address.matches("[A-Za-z0-9.\\-]+:\\d{1,5}")) {
            throw new ConfigException(item.get("gateway-address").path(), "must be host:port as openNDS sends it, e.g. 192.168.8.1:2050");
        }
        return new GatewaySettings.OpenNdsSettings(faskey, level, item.get("gateway-name").text(""), address);
    }

    /** An optional absolute http or https URL handed to clients as it is; empty when not set. */
    private static String webUrl(ConfigNode node) {
        String url = node.text("");
        if (url.isEmpty()) {
            return url;
        }
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            parsed = null;
        }
        if (parsed == null || url.length() > 2000 || parsed.getHost() == null
                || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new ConfigException(node.path(), "must be an http:// or https:// URL such as https://portal.example.vn/, got '" + url + "'");
        }
        return url;
    }

    /** A short display label for reports (district, venue type): at most 80 characters, no control characters. */
    private static String label(ConfigNode node) {
        String text = node.text("").strip();
        if (text.length() > 80 || text.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException(node.path(), "must be a short label of at most 80 characters on one line");
        }
        return text;
    }

    private static Duration positive(ConfigNode node, Duration fallback) {
        Duration d = node.duration(fallback);
        if (d.isZero() || d.isNegative() || d.toSeconds() > Integer.MAX_VALUE) {
            throw new ConfigException(node.path(), "must be a positive duration such as 30m or 24h");
        }
        return d;
    }

    private static RadiusSettings radius(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "host", "auth-port", "acct-port", "threads", "duplicate-cache-size", "duplicate-cache-ttl",
                "grant-lifetime", "coa-timeout", "clients"));
        RadiusSettings defaults = RadiusSettings.disabled();
        String host = node.get("host").text(defaults.host());
        if (!new IPAddressString(host).isIPAddress()) {
            throw new ConfigException(node.get("host").path(), "must be an IP address such as :: (IPv6 and IPv4) or 0.0.0.0, got '" + host + "'");
        }
        List<NasClientSettings> clients = new ArrayList<>();
        for (ConfigNode item : node.get("clients").list()) {
            clients.add(nasClient(item));
        }
        RadiusSettings radius = new RadiusSettings(
                node.get("enabled").bool(!node.isMissing()),
                host,
                node.get("auth-port").integer(defaults.authPort(), 0, 65535),
                node.get("acct-port").integer(defaults.acctPort(), 0, 65535),
                node.get("threads").integer(defaults.threads(), 1, 64),
                node.get("duplicate-cache-size").integer(defaults.duplicateCacheSize(), 1000, 10_000_000),
                positive(node.get("duplicate-cache-ttl"), defaults.duplicateCacheTtl()),
                positive(node.get("grant-lifetime"), defaults.grantLifetime()),
                positive(node.get("coa-timeout"), defaults.coaTimeout()),
                clients);
        if (radius.enabled() && clients.isEmpty()) {
            throw new ConfigException(node.get("clients").path(), "at least one NAS client is required when RADIUS is enabled");
        }
        if (radius.enabled() && radius.authPort() != 0 && radius.authPort() == radius.acctPort()) {
            throw new ConfigException(node.get("acct-port").path(), "must differ from auth-port");
        }
        return radius;
    }

    private static NasClientSettings nasClient(ConfigNode item) {
        item.allowOnly(Set.of("name", "address", "secret", "venue", "require-message-authenticator", "coa-port"));
        String name = item.get("name").requiredText();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new ConfigException(item.get("name").path(), "'" + name + "' must be lower-case letters, digits and '-'");
        }
        String address = item.get("address").requiredText();
        IPAddressString parsed = new IPAddressString(address);
        if (!parsed.isIPAddress()) {
            throw new ConfigException(item.get("address").path(), "must be an IP address or a CIDR block such as 192.168.8.0/24, got '"
                    + address + "'");
        }
        String secret = item.get("secret").requiredText();
        if (secret.length() < 12) {
            throw new ConfigException(item.get("secret").path(), "must be at least 12 characters (RFC 6614 advises 22 or more random ones)");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length > 128) {
            throw new ConfigException(item.get("secret").path(), "must be at most 128 bytes");
        }
        return new NasClientSettings(name, address, secret, item.get("venue").requiredText(),
                item.get("require-message-authenticator").bool(true),
                item.get("coa-port").integer(3799, 0, 65535));
    }

    private static void crossCheck(PortalConfig config) {
        Set<String> venueCodes = new HashSet<>();
        for (int i = 0; i < config.venues().size(); i++) {
            if (!venueCodes.add(config.venues().get(i).code())) {
                throw new ConfigException("venues[" + i + "].code", "'" + config.venues().get(i).code() + "' is used twice");
            }
        }
        Set<String> gatewayIds = new HashSet<>();
        Set<String> genericSecrets = new HashSet<>();
        for (int i = 0; i < config.gateways().size(); i++) {
            GatewaySettings g = config.gateways().get(i);
            if (!gatewayIds.add(g.id())) {
                throw new ConfigException("gateways[" + i + "].id", "'" + g.id() + "' is used twice");
            }
            if (!venueCodes.contains(g.venue())) {
                throw new ConfigException("gateways[" + i + "].venue", "no venue with code '" + g.venue() + "'");
            }
            if (g.generic() != null && !genericSecrets.add(g.generic().secret())) {
                throw new ConfigException("gateways[" + i + "].secret", "is another generic gateway's secret too; give each gateway its own");
            }
            if (g.openNds() != null && g.openNds().authmon() && config.http().tls().isEmpty()) {
                throw new ConfigException("gateways[" + i + "].level", "openNDS level " + g.openNds().level()
                        + " sends visitors and authmon to an https FAS: configure http.tls");
            }
            if (g.kind().logsInThroughRadius() && !config.radius().enabled()) {
                throw new ConfigException("gateways[" + i + "].kind", g.kind().name().toLowerCase(Locale.ROOT)
                        + " gateways log visitors in through the portal's RADIUS server: configure radius (with this gateway as a client)");
            }
        }
        Set<String> nasNames = new HashSet<>();
        for (int i = 0; i < config.radius().clients().size(); i++) {
            NasClientSettings c = config.radius().clients().get(i);
            if (!nasNames.add(c.name())) {
                throw new ConfigException("radius.clients[" + i + "].name", "'" + c.name() + "' is used twice");
            }
            if (!venueCodes.contains(c.venue())) {
                throw new ConfigException("radius.clients[" + i + "].venue", "no venue with code '" + c.venue() + "'");
            }
        }
    }
}
