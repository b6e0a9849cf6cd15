package vn.bluezone.portal.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;
import vn.bluezone.portal.testing.TestClock;

/** The generic gateway's signed arrival and its login redirect, against URLs signed the way the shipped script signs them. */
class GenericGatewayTest {
    private static final String SECRET = "generic-secret-0123456789";
    /** 2026-11-29T03:00:00Z, the test clock. */
    private static final long TS = 1795921200L;
    /** Signed with: printf '%s' "$QUERY" | openssl dgst -sha256 -hmac generic-secret-0123456789 */
    private static final String QUERY = "mac=02%3A00%3A0a%3Ae7%3A01%3A0a&ip=192.168.8.23&url=http%3A%2F%2Fexample.com%2Fnews%3Fa%3D1%26b%3D2"
            + "&login=http%3A%2F%2F192.168.8.1%3A2080%2Fbz-login&ts=1795921200";
    private static final String RECORDED = QUERY + "&sig=af1d5edd354dae9e0bcd1a6a0a510af71b8f4865758b6e23e0d0e91f7dca5363";

    private final TestClock clock = new TestClock(Instant.ofEpochSecond(TS));
    private final GenericGateway gateway = gateway("");

    private GenericGateway gateway(String loginUrl) {
        return new GenericGateway(new GatewaySettings("hue-gw", GatewaySettings.Kind.GENERIC, "hue", null, null, null, null, null,
                new GatewaySettings.GenericSettings(SECRET, loginUrl)), clock);
    }

    private static String sign(String query) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return query + "&sig=" + HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The recorded query with one parameter's raw value replaced, signed again. */
    private ArrivalResult arriveWith(String name, String rawValue) throws Exception {
        String query = QUERY.replaceFirst("(^|&)" + name + "=[^&]*", "$1" + name + "=" + rawValue.replace("$", "\\$"));
        return gateway.arrive(new GatewayRequest(sign(query), "192.168.8.23"));
    }

    private static void assertRejected(ArrivalResult result, String detail) {
        assertThat(result).isInstanceOfSatisfying(ArrivalResult.Rejected.class, r -> assertThat(r.detail()).contains(detail));
    }

    @Test
    void theRecordedUrlIsSignedAsTheScriptSignsIt() throws Exception {
        assertThat(sign(QUERY)).isEqualTo(RECORDED);
    }

    @Test
    void aSignedArrivalBecomesAnArrival() {
        ArrivalResult result = gateway.arrive(new GatewayRequest(RECORDED, "192.168.8.23"));
        assertThat(result).isInstanceOf(Arrival.class);
        Arrival arrival = (Arrival) result;
        assertThat(arrival.clientMac()).isEqualTo("02:00:0a:e7:01:0a");
        assertThat(arrival.clientAddress()).isEqualTo("192.168.8.23");
        assertThat(arrival.originUrl()).isEqualTo("http://example.com/news?a=1&b=2");
        assertThat(arrival.grant()).containsExactlyEntriesOf(java.util.Map.of("login", "http://192.168.8.1:2080/bz-login"));
    }

    @Test
    void upperCaseHexIpv6AndNoOriginalUrlAreFine() throws Exception {
        String upper = QUERY + "&sig=AF1D5EDD354DAE9E0BCD1A6A0A510AF71B8F4865758B6E23E0D0E91F7DCA5363";
        assertThat(gateway.arrive(new GatewayRequest(upper, "x"))).isInstanceOf(Arrival.class);
        assertThat(arriveWith("ip", enc("FE80::0:1"))).isInstanceOfSatisfying(Arrival.class,
                a -> assertThat(a.clientAddress()).isEqualTo("fe80::1"));
        assertThat(arriveWith("url", "")).isInstanceOfSatisfying(Arrival.class, a -> assertThat(a.originUrl()).isEmpty());
    }

    @Test
    void aMissingMisplacedOrWrongSignatureIsRefused() throws Exception {
        assertRejected(gateway.arrive(new GatewayRequest(QUERY, "x")), "no sig");
        assertRejected(gateway.arrive(new GatewayRequest(RECORDED.replace("af1d5edd", "af1d5edc"), "x")), "sig does not match");
        assertRejected(gateway.arrive(new GatewayRequest(RECORDED.replace("ip=192.168.8.23", "ip=192.168.8.24"), "x")), "sig does not match");
        assertRejected(gateway.arrive(new GatewayRequest(RECORDED + "&ip=192.168.8.99", "x")), "no sig");
        String sigFirst = "sig=af1d5edd354dae9e0bcd1a6a0a510af71b8f4865758b6e23e0d0e91f7dca5363&" + QUERY;
        assertRejected(gateway.arrive(new GatewayRequest(sigFirst, "x")), "no sig");
        String otherSecret = RECORDED.substring(0, RECORDED.indexOf("&sig=")) + "&sig=" + "0".repeat(64);
        assertRejected(gateway.arrive(new GatewayRequest(otherSecret, "x")), "sig does not match");
    }

    @Test
    void aTimestampMoreThanFiveMinutesFromThePortalsClockIsRefused() throws Exception {
        assertThat(arriveWith("ts", String.valueOf(TS - 300))).isInstanceOf(Arrival.class);
        assertThat(arriveWith("ts", String.valueOf(TS + 300))).isInstanceOf(Arrival.class);
        assertRejected(arriveWith("ts", String.valueOf(TS - 301)), "-301 s from the portal's clock");
        assertRejected(arriveWith("ts", String.valueOf(TS + 301)), "301 s from the portal's clock");
        assertRejected(arriveWith("ts", "yesterday"), "not Unix seconds");
        assertRejected(arriveWith("ts", ""), "not Unix seconds");
        clock.advance(Duration.ofMinutes(6));
        assertRejected(gateway.arrive(new GatewayRequest(RECORDED, "x")), "from the portal's clock");
    }

    @Test
    void aBadMacOrIpIsRefused() throws Exception {
        assertRejected(arriveWith("mac", "nope"), "mac is not a MAC address");
        assertRejected(arriveWith("mac", ""), "mac is not a MAC address");
        for (String ip : new String[] {"", "192.168.8.256", "192.168.008.23", "192.168.8", "example.com", "fe80::1%25eth0", "10.0.0.0%2F8",
                "%3Cscript%3E"}) {
            assertRejected(arriveWith("ip", ip), "ip is not an IPv4 or IPv6 address");
        }
    }

    @Test
    void theLoginMayOnlyBeTheGatewaysOwnAddressNeverAnOpenRedirect() throws Exception {
        for (String login : new String[] {
                "http://evil.example/",
                "http://10.0.0.1@evil.example/",
                "http://10.0.0.1:80@evil.example/",
                "javascript:alert(1)",
                "//evil.example/login",
                "//10.0.0.1/login",
                "/bz-login",
                "ftp://10.0.0.1/",
                "http://8.8.8.8/bz-login",
                "http://010.0.0.1/bz-login",
                "http://10.0.0.1.evil.example/",
                "http://10.0.0.1/bz-login?next=http://evil.example/",
                "http://10.0.0.1/bz-login#x",
                "http://10.0.0.1\\@evil.example/",
                "http://[::1]/bz-login",
                ""}) {
            assertRejected(arriveWith("login", enc(login)), "login is not this gateway's login address");
        }
        assertRejected(gateway.arrive(new GatewayRequest(sign(QUERY.replace("&login=http%3A%2F%2F192.168.8.1%3A2080%2Fbz-login", "")), "x")),
                "login is not");
        assertThat(arriveWith("login", enc("HTTPS://10.1.2.3/bz-login"))).isInstanceOfSatisfying(Arrival.class,
                a -> assertThat(a.grant().get("login")).isEqualTo("https://10.1.2.3:443/bz-login"));
    }

    @Test
    void withALoginUrlConfiguredOnlyThatOneIsAccepted() throws Exception {
        GenericGateway pinned = gateway("http://gw.hue.lan:2080/bz-login");
        String query = QUERY.replace("login=http%3A%2F%2F192.168.8.1%3A2080%2Fbz-login", "login=" + enc("http://GW.hue.lan:2080/bz-login"));
        assertThat(pinned.arrive(new GatewayRequest(sign(query), "x"))).isInstanceOfSatisfying(Arrival.class,
                a -> assertThat(a.grant().get("login")).isEqualTo("http://gw.hue.lan:2080/bz-login"));
        for (String other : new String[] {"http://192.168.8.1:2080/bz-login", "https://gw.hue.lan:2080/bz-login", "http://gw.hue.lan/bz-login",
                "http://gw.hue.lan:2080/other", "http://gw.hue.lan:2080/bz-login/", "http://user@gw.hue.lan:2080/bz-login"}) {
            String q = QUERY.replace("login=http%3A%2F%2F192.168.8.1%3A2080%2Fbz-login", "login=" + enc(other));
            assertRejected(pinned.arrive(new GatewayRequest(sign(q), "x")), "http://gw.hue.lan:2080/bz-login");
        }
        assertThat(gateway("http://gw.hue.lan/bz-login").arrive(new GatewayRequest(sign(QUERY.replace(
                "login=http%3A%2F%2F192.168.8.1%3A2080%2Fbz-login", "login=" + enc("http://gw.hue.lan:80/bz-login"))), "x")))
                .as("the default port written or not").isInstanceOf(Arrival.class);
    }

    @Test
    void aNonWebOriginalUrlIsDropped() throws Exception {
        assertThat(arriveWith("url", enc("javascript:alert(1)"))).isInstanceOfSatisfying(Arrival.class, a -> assertThat(a.originUrl()).isEmpty());
        assertThat(arriveWith("url", enc("data:text/html,<script>alert(1)</script>"))).isInstanceOfSatisfying(Arrival.class,
                a -> assertThat(a.originUrl()).isEmpty());
        assertThat(arriveWith("url", enc("//evil.example/"))).isInstanceOfSatisfying(Arrival.class, a -> assertThat(a.originUrl()).isEmpty());
    }

    @Test
    void theLoginStepGoesToTheGatewaysLoginWithTheTokenAndTheWelcomePage() {
        Arrival arrival = (Arrival) gateway.arrive(new GatewayRequest(RECORDED, "x"));
        GrantToken token = new GrantToken("bz1.AbC-_x", "password", "n", Instant.EPOCH, "vi");
        GrantStep step = gateway.grantStep(arrival.grant(), "http://portal.example.vn/welcome?lang=vi&v=abc", () -> token);
        assertThat(step).isEqualTo(new GrantStep.Redirect("http://192.168.8.1:2080/bz-login?token=bz1.AbC-_x"
                + "&url=http%3A%2F%2Fportal.example.vn%2Fwelcome%3Flang%3Dvi%26v%3Dabc"));
    }

    @Test
    void onlyTheGatewaysOwnSecretIsAccepted() {
        assertThat(gateway.acceptsSecret(SECRET)).isTrue();
        assertThat(gateway.acceptsSecret(SECRET + "x")).isFalse();
        assertThat(gateway.acceptsSecret("generic-secret-012345678")).isFalse();
        assertThat(gateway.acceptsSecret("")).isFalse();
        assertThat(gateway.acceptsSecret(null)).isFalse();
    }
}
