package vn.bluezone.portal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final Path work = Path.of("/srv/portal");
    private final ConfigLoader loader = new ConfigLoader(Map.of("FASKEY", "S3cretFasKey42", "PORT", "9090")::get, work);

    private static final String OPENNDS = """
            http:
              port: ${PORT}
            venues:
              - code: hue-station
                name: "Bến xe Phía Nam Huế"
            gateways:
              - id: gw-1
                kind: opennds
                venue: hue-station
                faskey: ${FASKEY}
                level: 2
            """;

    @Test
    void theDemoConfigurationNeedsNoFile() {
        PortalConfig demo = loader.demo();
        assertThat(demo.http().port()).isEqualTo(8080);
        assertThat(demo.dataDir()).isEqualTo(work.resolve("data"));
        assertThat(demo.venues()).extracting(VenueSettings::code).containsExactly("demo");
        assertThat(demo.gateways()).extracting(GatewaySettings::kind).containsExactly(GatewaySettings.Kind.DEMO);
    }

    @Test
    void theSampleConfigurationInDeployIsValidAndUsesEveryKey() {
        PortalConfig sample = new ConfigLoader(Map.of("HUE_BUS_FASKEY", "0123456789abcdef0123",
                "HUE_BUS_NAS_SECRET", "nas-secret-0123456789", "HUE_MARKET_UAMSECRET", "uam-secret-2026",
                "HUE_SHOP_GW_SECRET", "shop-gateway-secret-2026")::get, work)
                .load(Path.of("deploy/portal.sample.yaml"));
        assertThat(sample.gateways()).extracting(GatewaySettings::kind)
                .containsExactly(GatewaySettings.Kind.DEMO, GatewaySettings.Kind.OPENNDS, GatewaySettings.Kind.COOVA,
                        GatewaySettings.Kind.MIKROTIK, GatewaySettings.Kind.MERAKI, GatewaySettings.Kind.PFSENSE,
                        GatewaySettings.Kind.GENERIC);
        assertThat(sample.gateways().get(6).generic()).isEqualTo(new GatewaySettings.GenericSettings("shop-gateway-secret-2026", ""));
        assertThat(sample.gateways().get(4).meraki().duration()).isEqualTo(Duration.ofHours(24));
        assertThat(sample.gateways().get(2).coova().uamsecret()).isEqualTo("uam-secret-2026");
        assertThat(sample.gateways().get(1).openNds().level()).isEqualTo(2);
        assertThat(sample.venues().get(0).limits().downloadQuotaMb()).isZero();
        assertThat(sample.store().sqliteFile()).isEqualTo(Path.of("/var/lib/bluezone-portal/portal.db"));
        assertThat(sample.store().retention()).isEqualTo(Duration.ofDays(90));
        assertThat(sample.radius().enabled()).isTrue();
        assertThat(sample.radius().clients()).singleElement().satisfies(c -> {
            assertThat(c.secret()).isEqualTo("nas-secret-0123456789");
            assertThat(c.requireMessageAuthenticator()).isTrue();
        });
        assertThat(sample.venues().get(0).remindEvery()).isEqualTo(Duration.ofHours(24));
        assertThat(sample.http().tls()).hasValueSatisfying(tls -> assertThat(tls.port()).isEqualTo(8443));
        assertThat(sample.gateways().get(2).userPortalUrl()).isEqualTo("http://10.1.0.1:3990/prelogin");
        assertThat(sample.gateways().get(0).userPortalUrl()).isEmpty();
        assertThat(sample.venues().get(0).infoUrl()).isEqualTo("https://benxehue.example.vn/wifi");
        assertThat(sample.accounts()).isEqualTo(AccountSettings.DEFAULT);
        assertThat(sample.metrics().allowFrom()).containsExactly("127.0.0.0/8", "::1", "10.20.30.0/24");
        assertThat(sample.venues().get(0).languages()).containsExactly("vi", "en", "fr");
        assertThat(sample.counting()).isEqualTo(CountingSettings.DEFAULT);
        assertThat(sample.http().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sample.gateways().get(1).sourceAddresses()).containsExactly("203.0.113.0/28");
    }

    @Test
    void countingLimitsSourceAddressesAndTheRequestTimeoutHaveDefaultsAndNameTheKeyWhenWrong() {
        PortalConfig defaults = loader.parse(OPENNDS);
        assertThat(defaults.counting()).isEqualTo(CountingSettings.DEFAULT);
        assertThat(defaults.gateways().get(0).sourceAddresses()).isEmpty();
        assertThat(loader.parse(OPENNDS + "counting: {device-limit: 0, address-limit: 50, address-window: 1m}\n").counting())
                .isEqualTo(new CountingSettings(0, Duration.ofHours(1), 50, Duration.ofMinutes(1)));
        assertThat(loader.parse(OPENNDS.replace("level: 2", "level: 2\n    source-addresses: [192.0.2.7, \"2001:db8::/32\"]"))
                .gateways().get(0).sourceAddresses()).containsExactly("192.0.2.7", "2001:db8::/32");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "counting: {device-limit: -1}\n")).hasMessageContaining("counting.device-limit");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "counting: {per-phone: 3}\n")).hasMessageContaining("counting.per-phone");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("level: 2", "level: 2\n    source-addresses: [the-venue]")))
                .hasMessageContaining("gateways[0].source-addresses[0]").hasMessageContaining("the-venue");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("port: ${PORT}", "port: ${PORT}\n  request-timeout: 0s")))
                .hasMessageContaining("http.request-timeout");
    }

    @Test
    void metricsAreOpenToLoopbackUnlessAllowFromSaysOtherwise() {
        assertThat(loader.parse(OPENNDS).metrics()).isEqualTo(MetricsSettings.DEFAULT);
        assertThat(MetricsSettings.DEFAULT.allowFrom()).containsExactly("127.0.0.0/8", "::1");
        assertThat(loader.parse(OPENNDS + "metrics: {allow-from: [10.9.0.5, 'fd00::/8']}\n").metrics().allowFrom())
                .containsExactly("10.9.0.5", "fd00::/8");
        assertThat(loader.parse(OPENNDS + "metrics: {allow-from: []}\n").metrics().allowFrom()).as("nobody").isEmpty();
        assertThatThrownBy(() -> loader.parse(OPENNDS + "metrics: {allow-from: [prometheus.example.vn]}\n"))
                .hasMessageContaining("metrics.allow-from[0]").hasMessageContaining("CIDR");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "metrics: {token: x}\n")).hasMessageContaining("metrics.token");
    }


    @Test
    void aVenuesPosterLanguagesAreLanguageCodes() {
        assertThat(loader.parse(OPENNDS).venues().get(0).languages()).as("default: the campaign's").isEmpty();
        String venue = OPENNDS.replace("  - code: hue-station\n", "  - code: hue-station\n    languages: %s\n");
        assertThat(venue).contains("languages");
        assertThat(loader.parse(venue.formatted("[vi, en]")).venues().get(0).languages()).containsExactly("vi", "en");
        assertThatThrownBy(() -> loader.parse(venue.formatted("[vi, English]"))).hasMessageContaining("venues[0].languages[1]");
        assertThatThrownBy(() -> loader.parse(venue.formatted("vi"))).hasMessageContaining("venues[0].languages");
    }

    @Test
    void accountSettingsHaveDefaultsAndNameTheKeyWhenWrong() {
        assertThat(loader.parse(OPENNDS).accounts()).isEqualTo(AccountSettings.DEFAULT);
        PortalConfig set = loader.parse(OPENNDS + "accounts: {session-idle-timeout: 10m, session-lifetime: 8h, login-max-failures: 3, login-lockout: 1h}\n");
        assertThat(set.accounts()).isEqualTo(new AccountSettings(Duration.ofMinutes(10), Duration.ofHours(8), 3, Duration.ofHours(1)));
        assertThatThrownBy(() -> loader.parse(OPENNDS + "accounts: {session-idle-timeout: 2h, session-lifetime: 1h}\n"))
                .hasMessageContaining("accounts.session-lifetime");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "accounts: {login-max-failures: 0}\n"))
                .hasMessageContaining("accounts.login-max-failures");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "accounts: {password-length: 12}\n"))
                .hasMessageContaining("accounts.password-length").hasMessageContaining("unknown key");
    }

    @Test
    void aCoovaGatewayNeedsItsUamsecretAndTakesNoOpenNdsKeys() {
        String coova = """
                venues:
                  - code: hue
                gateways:
                  - id: chilli-1
                    kind: coova
                    venue: hue
                    %s
                """;
        String radius = "\nradius:\n  clients:\n    - {name: chilli-1, address: 10.1.0.1, secret: long-enough-secret, venue: hue}\n";
        assertThat(loader.parse(coova.formatted("uamsecret: long-enough") + radius).gateways().get(0).coova().uamAddress()).isEmpty();
        assertThatThrownBy(() -> loader.parse(coova.formatted("uamsecret: long-enough")))
                .hasMessageContaining("gateways[0].kind").hasMessageContaining("RADIUS");
        assertThatThrownBy(() -> loader.parse(coova.formatted("uam-address: 10.1.0.1:3990")))
                .hasMessageContaining("gateways[0].uamsecret");
        assertThatThrownBy(() -> loader.parse(coova.formatted("uamsecret: short")))
                .hasMessageContaining("gateways[0].uamsecret");
        assertThatThrownBy(() -> loader.parse(coova.formatted("uamsecret: long-enough\n    faskey: Abcdefgh123")))
                .hasMessageContaining("gateways[0].faskey").hasMessageContaining("opennds");
    }

    @Test
    void radiusIsOffUnlessConfiguredAndItsClientsAreChecked() {
        assertThat(loader.parse(OPENNDS).radius().enabled()).isFalse();
        String radius = OPENNDS + """
                radius:
                  clients:
                    - {name: nas-1, address: 10.20.0.0/16, secret: long-enough-secret, venue: "%s"}
                """;
        assertThat(loader.parse(radius.formatted("hue-station")).radius().clients().get(0).coaPort()).isEqualTo(3799);
        assertThatThrownBy(() -> loader.parse(radius.formatted("nowhere")))
                .hasMessageContaining("radius.clients[0].venue").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> loader.parse(radius.formatted("hue-station").replace("10.20.0.0/16", "10.20.0.0/99")))
                .hasMessageContaining("radius.clients[0].address");
        assertThatThrownBy(() -> loader.parse(radius.formatted("hue-station").replace("long-enough-secret", "short")))
                .hasMessageContaining("radius.clients[0].secret");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "radius:\n  enabled: true\n"))
                .hasMessageContaining("radius.clients").hasMessageContaining("at least one");
    }

    @Test
    void httpsIsOffUnlessConfiguredAndItsFilesAreRequired() {
        assertThat(loader.parse(OPENNDS).http().tls()).isEmpty();
        String tls = OPENNDS.replace("  port: ${PORT}\n", "  port: ${PORT}\n  tls:\n%s");
        TlsSettings settings = loader.parse(tls.formatted("    certificate: tls/fullchain.pem\n    private-key: /etc/tls/key.pem\n"))
                .http().tls().orElseThrow();
        assertThat(settings.port()).isEqualTo(8443);
        assertThat(settings.certificate()).isEqualTo(work.resolve("tls/fullchain.pem"));
        assertThat(settings.privateKey()).isEqualTo(Path.of("/etc/tls/key.pem"));
        assertThatThrownBy(() -> loader.parse(tls.formatted("    private-key: key.pem\n")))
                .hasMessage("http.tls.certificate: is required");
        assertThatThrownBy(() -> loader.parse(tls.formatted("    certificate: c.pem\n")))
                .hasMessage("http.tls.private-key: is required");
        assertThatThrownBy(() -> loader.parse(tls.formatted("    certificate: c.pem\n    private-key: k.pem\n    port: 9090\n")))
                .hasMessageStartingWith("http.tls.port: must differ from http.port");
        assertThatThrownBy(() -> loader.parse(tls.formatted("    certificate: c.pem\n    private-key: k.pem\n    hsts: true\n")))
                .hasMessageStartingWith("http.tls.hsts: unknown key");
    }

    @Test
    void rawEventsAreKeptNinetyDaysUnlessConfiguredOtherwise() {
        assertThat(loader.parse(OPENNDS).store().retention()).isEqualTo(Duration.ofDays(90));
        assertThat(loader.parse(OPENNDS + "store:\n  retention: 30d\n").store().retention()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> loader.parse(OPENNDS + "store:\n  retention: 12h\n"))
                .hasMessageStartingWith("store.retention: must be between 1d and 36500d");
    }

    @Test
    void aFleetSharesAPostgresDatabaseWhosePasswordComesFromTheEnvironmentAndIsNeverPrinted() {
        ConfigLoader withPassword = new ConfigLoader(Map.of("FASKEY", "S3cretFasKey42", "PORT", "9090", "BZ_DB_PASSWORD", "Db-Pa55word")::get,
                work);
        PortalConfig config = withPassword.parse(OPENNDS + """
                store:
                  kind: postgres
                  postgres:
                    url: jdbc:postgresql://db.example.vn:5432/bluezone?sslmode=verify-full
                    user: bluezone
                    password: ${BZ_DB_PASSWORD}
                """);
        assertThat(config.store().kind()).isEqualTo(StoreSettings.Kind.POSTGRES);
        assertThat(config.store().postgres()).contains(new PostgresSettings("jdbc:postgresql://db.example.vn:5432/bluezone?sslmode=verify-full",
                "bluezone", "Db-Pa55word", 10));
        assertThat(config.toString()).contains("jdbc:postgresql://db.example.vn:5432/bluezone").doesNotContain("Db-Pa55word");
        assertThat(config.store().postgres().orElseThrow().toString()).contains("password=(hidden)").doesNotContain("Db-Pa55word");
        assertThat(loader.parse(OPENNDS + "store:\n  kind: postgres\n  postgres:\n    url: jdbc:postgresql://db/bz\n    pool-size: 40\n")
                .store().postgres()).contains(new PostgresSettings("jdbc:postgresql://db/bz", "", "", 40));
        assertThat(config.store().postgres().orElseThrow().writers()).as("one event writer unless told").isEqualTo(1);
        assertThat(loader.parse(OPENNDS + "store:\n  kind: postgres\n  postgres:\n    url: jdbc:postgresql://db/bz\n    writers: 2\n")
                .store().postgres()).contains(new PostgresSettings("jdbc:postgresql://db/bz", "", "", 10, 2));
        assertThat(loader.parse(OPENNDS).store().kind()).as("the default").isEqualTo(StoreSettings.Kind.SQLITE);
        assertThat(loader.parse(OPENNDS).store().postgres()).isEmpty();
    }

    @Test
    void postgresSettingsErrorsNameTheKey() {
        String postgres = OPENNDS + "store:\n  kind: postgres\n";
        assertThatThrownBy(() -> loader.parse(postgres))
                .hasMessageStartingWith("store.postgres: is required with store.kind postgres");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    user: bluezone\n"))
                .hasMessageStartingWith("store.postgres.url: is required");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    url: postgres://db/bz\n"))
                .hasMessageStartingWith("store.postgres.url: must be a JDBC URL such as jdbc:postgresql://");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    url: jdbc:postgresql://db/bz?user=bz&password=Secret-1\n"))
                .hasMessageStartingWith("store.postgres.url: must not hold the password")
                .message().doesNotContain("Secret-1");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    url: jdbc:postgresql://db/bz\n    pool-size: 1\n"))
                .hasMessageStartingWith("store.postgres.pool-size: must be between 2 and 200");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    url: jdbc:postgresql://db/bz\n    pool-size: 4\n    writers: 4\n"))
                .hasMessageStartingWith("store.postgres.writers: each writer holds a connection: it must be below pool-size (4)");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    url: jdbc:postgresql://db/bz\n    writers: 0\n"))
                .hasMessageStartingWith("store.postgres.writers: must be between 1 and 16");
        assertThatThrownBy(() -> loader.parse(postgres + "  postgres:\n    url: jdbc:postgresql://db/bz\n    host: db\n"))
                .hasMessageStartingWith("store.postgres.host: unknown key");
        assertThatThrownBy(() -> loader.parse(postgres + "  sqlite-file: /var/lib/portal.db\n  postgres:\n    url: jdbc:postgresql://db/bz\n"))
                .hasMessageStartingWith("store.sqlite-file: applies only to store.kind sqlite");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "store:\n  postgres:\n    url: jdbc:postgresql://db/bz\n"))
                .hasMessageStartingWith("store.postgres: applies only to store.kind postgres");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "store:\n  kind: mysql\n"))
                .hasMessageStartingWith("store.kind: must be sqlite or postgres, got 'mysql'");
    }

    @Test
    void captivePortalApiUrlsMustBeWebUrls() {
        String gateway = OPENNDS + "    user-portal-url: %s\n";
        assertThat(loader.parse(gateway.formatted("https://portal.example.vn/start")).gateways().get(0).userPortalUrl())
                .isEqualTo("https://portal.example.vn/start");
        assertThat(loader.parse(OPENNDS).gateways().get(0).userPortalUrl()).isEmpty();
        assertThatThrownBy(() -> loader.parse(gateway.formatted("javascript:alert(1)")))
                .hasMessageStartingWith("gateways[0].user-portal-url: must be an http:// or https:// URL");
        String venue = OPENNDS.replace("    name: \"Bến xe Phía Nam Huế\"\n", "    name: Hue\n    info-url: %s\n");
        assertThat(loader.parse(venue.formatted("http://hue.example.vn/about")).venues().get(0).infoUrl())
                .isEqualTo("http://hue.example.vn/about");
        assertThatThrownBy(() -> loader.parse(venue.formatted("hue.example.vn/about")))
                .hasMessageStartingWith("venues[0].info-url: must be an http:// or https:// URL");
        assertThatThrownBy(() -> loader.parse(venue.formatted("\"http://bad host/\"")))
                .hasMessageStartingWith("venues[0].info-url:");
    }

    @Test
    void valuesMayComeFromTheEnvironment() {
        PortalConfig config = loader.parse(OPENNDS);
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.gateways().get(0).openNds().faskey()).isEqualTo("S3cretFasKey42");
        assertThat(config.gateways().get(0).openNds().level()).isEqualTo(2);
        assertThat(config.store().sqliteFile()).isEqualTo(work.resolve("data/portal.db"));
        assertThat(config.visitLifetime()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anUnsetVariableWithoutDefaultIsNamed() {
        ConfigLoader empty = new ConfigLoader(name -> null, work);
        assertThatThrownBy(() -> empty.parse(OPENNDS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORT")
                .hasMessageContaining("line 2");
    }

    @Test
    void aDefaultStandsInForAnUnsetVariable() {
        ConfigLoader empty = new ConfigLoader(name -> null, work);
        PortalConfig config = empty.parse(OPENNDS.replace("${PORT}", "${PORT:-8181}").replace("${FASKEY}", "${FASKEY:-AnotherKey99}"));
        assertThat(config.http().port()).isEqualTo(8181);
    }

    @Test
    void secretsAreNotPrinted() {
        assertThat(loader.parse(OPENNDS).toString()).doesNotContain("S3cretFasKey42");
        assertThat(loader.parse(OPENNDS).gateways().toString()).doesNotContain("S3cretFasKey42");
    }

    @Test
    void aTypoIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("port:", "prot:")))
                .hasMessageStartingWith("http.prot: unknown key");
    }

    @Test
    void openNdsPublicDefaultKeyIsRefused() {
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("${FASKEY}", "1234567890")))
                .hasMessageStartingWith("gateways[0].faskey:")
                .hasMessageContaining("public default");
    }

    @Test
    void aGatewayMustServeAKnownVenue() {
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("venue: hue-station", "venue: nowhere")))
                .hasMessage("gateways[0].venue: no venue with code 'nowhere'");
    }

    @Test
    void badValuesAreExplained() {
        assertThatThrownBy(() -> loader.parse(OPENNDS + "visit-lifetime: soon\n"))
                .hasMessageContaining("visit-lifetime: must be a duration");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("${PORT}", "99999")))
                .hasMessageContaining("http.port: must be between 0 and 65535");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("level: 2", "level: 5")))
                .hasMessageContaining("gateways[0].level");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("level: 2", "level: 3")))
                .hasMessageContaining("gateways[0].level: openNDS level 3 sends visitors and authmon to an https FAS: configure http.tls");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("level: 2", "level: 0")))
                .hasMessageContaining("gateways[0].faskey: is not used at level 0");
        assertThat(loader.parse(OPENNDS.replace("level: 2", "level: 0").replace("    faskey: ${FASKEY}\n", "")).gateways().get(0).openNds().level())
                .isZero();
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("name: \"Bến xe Phía Nam Huế\"", "name: x\n    download-quota-mb: 4096")))
                .hasMessageContaining("venues[0].download-quota-mb");
        assertThatThrownBy(() -> loader.parse(OPENNDS.replace("kind: opennds", "kind: carrier-pigeon")))
                .hasMessageContaining("gateways[0].kind: must be one of: demo, opennds");
        assertThatThrownBy(() -> loader.parse("venues: [\n"))
                .hasMessageStartingWith("YAML:");
    }

    @Test
    void openNdsKeysBelongToOpenNdsGateways() {
        String yaml = """
                venues: [{code: v}]
                gateways: [{id: d, kind: demo, venue: v, faskey: abcdefgh12}]
                """;
        assertThatThrownBy(() -> loader.parse(yaml)).hasMessageContaining("gateways[0].faskey: applies only");
    }

    @Test
    void aGenericGatewayNeedsItsOwnLongSecretAndAPlainLoginUrl() {
        String generic = """
                venues:
                  - code: hue
                gateways:
                  - id: shop-1
                    kind: generic
                    venue: hue
                    %s
                """;
        GatewaySettings settings = loader.parse(generic.formatted("secret: sixteen-chars-ok\n    login-url: http://192.168.8.1:2080/bz-login"))
                .gateways().get(0);
        assertThat(settings.generic().loginUrl()).isEqualTo("http://192.168.8.1:2080/bz-login");
        assertThat(settings.toString()).doesNotContain("sixteen-chars-ok");
        assertThat(loader.parse(generic.formatted("secret: sixteen-chars-ok")).gateways().get(0).generic().loginUrl()).isEmpty();
        assertThatThrownBy(() -> loader.parse(generic.formatted("login-url: http://192.168.8.1/")))
                .hasMessageContaining("gateways[0].secret").hasMessageContaining("required");
        assertThatThrownBy(() -> loader.parse(generic.formatted("secret: fifteen-chars-x")))
                .hasMessageContaining("gateways[0].secret").hasMessageContaining("16").hasMessageNotContaining("fifteen-chars-x");
        assertThatThrownBy(() -> loader.parse(generic.formatted("secret: sixteen chars no")))
                .hasMessageContaining("gateways[0].secret");
        for (String bad : new String[] {"ftp://192.168.8.1/", "http://192.168.8.1/login?x=1", "http://u@192.168.8.1/", "/bz-login",
                "http://192.168.8.1/#top"}) {
            assertThatThrownBy(() -> loader.parse(generic.formatted("secret: sixteen-chars-ok\n    login-url: \"" + bad + "\"")))
                    .hasMessageContaining("gateways[0].login-url");
        }
        assertThatThrownBy(() -> loader.parse(generic.formatted("secret: sixteen-chars-ok\n    faskey: Abcdefgh123")))
                .hasMessageContaining("gateways[0].faskey").hasMessageContaining("opennds");
        assertThatThrownBy(() -> loader.parse(OPENNDS + "    secret: sixteen-chars-ok\n"))
                .hasMessageContaining("gateways[0].secret").hasMessageContaining("generic");
        String two = generic.formatted("secret: sixteen-chars-ok") + """
                  - id: shop-2
                    kind: generic
                    venue: hue
                    secret: sixteen-chars-ok
                """;
        assertThatThrownBy(() -> loader.parse(two))
                .hasMessageContaining("gateways[1].secret").hasMessageContaining("its own").hasMessageNotContaining("sixteen-chars-ok");
    }
}
