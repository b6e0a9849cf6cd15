package vn.bluezone.portal.gateway.mikrotik;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;

/** What RouterOS's login page forwards, and the CHAP password it expects back (vector from RouterOS's own login.html formula). */
class MikrotikGatewayTest {
    private static final String CHAP_ID = "\\371";
    private static final String CHAP_CHALLENGE = "\\357\\015\\330\\013\\021\\234\\145\\245\\303\\253\\142\\246\\133\\175\\375\\316";
    private static final MikrotikGateway GATEWAY = new MikrotikGateway(new GatewaySettings("hs", GatewaySettings.Kind.MIKROTIK, "hue",
            null, null, new GatewaySettings.MikrotikSettings(""), null, null));

    private static String form(String loginUrl, String chapId, String challenge) {
        return "mac=" + enc("30:39:26:86:CC:EA") + "&ip=10.5.50.23&link-login-only=" + enc(loginUrl)
                + "&link-orig=" + enc("http://example.com/news?a=1") + "&chap-id=" + enc(chapId) + "&chap-challenge=" + enc(challenge)
                + "&server-name=hotspot1&error=";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void routerOsChapMatchesItsLoginPageFormula() {
        assertThat(HexFormat.of().formatHex(RouterChap.decode(CHAP_CHALLENGE).orElseThrow())).isEqualTo("ef0dd80b119c65a5c3ab62a65b7dfdce");
        assertThat(RouterChap.password(RouterChap.decode(CHAP_ID).orElseThrow(), "secret", RouterChap.decode(CHAP_CHALLENGE).orElseThrow()))
                .isEqualTo("e5627b636f982d6233d0cf5931d404c2");
        assertThat(RouterChap.decode("f9")).hasValueSatisfying(b -> assertThat(b).containsExactly((byte) 0xf9));
        assertThat(RouterChap.decode("\\999")).isEmpty();
    }

    @Test
    void theRoutersFormBecomesAnArrivalAndTheLoginAFormPostedToTheRouter() {
        ArrivalResult result = GATEWAY.arrive(new GatewayRequest(form("http://10.5.50.1/login", CHAP_ID, CHAP_CHALLENGE), "10.5.50.23"));
        assertThat(result).isInstanceOf(Arrival.class);
        Arrival arrival = (Arrival) result;
        assertThat(arrival.clientMac()).isEqualTo("30:39:26:86:cc:ea");
        assertThat(arrival.originUrl()).isEqualTo("http://example.com/news?a=1");

        GrantToken token = new GrantToken("bz1.user", "secret", "n", Instant.EPOCH, "vi");
        GrantStep step = GATEWAY.grantStep(arrival.grant(), "http://portal/welcome?v=x", () -> token);
        assertThat(step).isInstanceOfSatisfying(GrantStep.PostForm.class, f -> {
            assertThat(f.action()).isEqualTo("http://10.5.50.1/login");
            assertThat(f.fields()).containsEntry("username", "bz1.user")
                    .containsEntry("password", "e5627b636f982d6233d0cf5931d404c2")
                    .containsEntry("dst", "http://portal/welcome?v=x")
                    .containsEntry("popup", "false");
        });
    }

    @Test
    void aLoginUrlOffTheHotspotOrWithoutChapIsRejected() {
        assertThat(GATEWAY.arrive(new GatewayRequest(form("http://203.0.113.9/login", CHAP_ID, CHAP_CHALLENGE), "x")))
                .as("not the hotspot: no open redirect of the login").isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(form("javascript:alert(1)", CHAP_ID, CHAP_CHALLENGE), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(form("http://10.5.50.1/login", "", ""), "x")))
                .as("PAP login would put the token in clear text on the LAN").isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(form("http://10.5.50.1/login", CHAP_ID, "\\357"), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(form("http://10.5.50.1/login", CHAP_ID, CHAP_CHALLENGE).replace("mac=", "mac=x"), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
        MikrotikGateway pinned = new MikrotikGateway(new GatewaySettings("hs", GatewaySettings.Kind.MIKROTIK, "hue", null, null,
                new GatewaySettings.MikrotikSettings("10.5.50.1"), null, null));
        assertThat(pinned.arrive(new GatewayRequest(form("http://10.5.50.2/login", CHAP_ID, CHAP_CHALLENGE), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
    }
}
