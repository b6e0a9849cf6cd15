package vn.bluezone.portal.gateway.pfsense;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;

/** What pfSense's portal page forwards, and the login posted back to it. */
class PfsenseGatewayTest {
    private static final PfsenseGateway GATEWAY = new PfsenseGateway(new GatewaySettings("fw", GatewaySettings.Kind.PFSENSE, "hue",
            null, null, null, null, new GatewaySettings.PfsenseSettings("")));

    private static String redirect(String action, String zone) {
        return "portal_action=" + URLEncoder.encode(action, StandardCharsets.UTF_8) + "&zone=" + zone
                + "&redirurl=" + URLEncoder.encode("http://example.com/", StandardCharsets.UTF_8)
                + "&client_mac=00:1a:2b:3c:4d:5e&client_ip=192.168.10.50";
    }

    @Test
    void theLoginIsPostedToTheZonesPortalWithTheTokenAsRadiusCredentials() {
        ArrivalResult result = GATEWAY.arrive(new GatewayRequest(redirect("http://192.168.10.1:8002/index.php?zone=guests", "guests"), "x"));
        assertThat(result).isInstanceOf(Arrival.class);
        Arrival arrival = (Arrival) result;
        assertThat(arrival.clientMac()).isEqualTo("00:1a:2b:3c:4d:5e");
        GrantToken token = new GrantToken("bz1.user", "pw", "n", Instant.EPOCH, "vi");
        assertThat(GATEWAY.grantStep(arrival.grant(), "http://portal/welcome?v=x", () -> token))
                .isInstanceOfSatisfying(GrantStep.PostForm.class, f -> {
                    assertThat(f.action()).isEqualTo("http://192.168.10.1:8002/index.php?zone=guests");
                    assertThat(f.fields()).containsExactly(
                            Map.entry("auth_user", "bz1.user"), Map.entry("auth_pass", "pw"),
                            Map.entry("zone", "guests"), Map.entry("redirurl", "http://portal/welcome?v=x"),
                            Map.entry("accept", "Continue"));
                });
    }

    @Test
    void aPortalOffTheFirewallOrABadZoneIsRejected() {
        assertThat(GATEWAY.arrive(new GatewayRequest(redirect("http://203.0.113.5/index.php", "guests"), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(redirect("http://192.168.10.1:8002/index.php", "gu'ests"), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(redirect("ftp://192.168.10.1/", "guests"), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
    }
}
