package vn.bluezone.portal.gateway.meraki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;

/** Meraki's click-through redirect and grant, with the documented example. */
class MerakiGatewayTest {
    private static final MerakiGateway GATEWAY = new MerakiGateway(new GatewaySettings("ap", GatewaySettings.Kind.MERAKI, "hue",
            null, null, null, new GatewaySettings.MerakiSettings("network-auth.com", Duration.ofHours(1)), null));

    private static String redirect(String grantUrl) {
        return "base_grant_url=" + URLEncoder.encode(grantUrl, StandardCharsets.UTF_8) + "&user_continue_url=http%3A%2F%2Fexample.com%2F"
                + "&node_id=1234&node_mac=88:15:44:aa:bb:cc&gateway_id=1234&client_ip=10.0.5.23&client_mac=3c:22:fb:11:22:33";
    }

    @Test
    void theGrantSendsTheBrowserToTheCloudsGrantUrlWithTheWelcomePageAndDuration() {
        ArrivalResult result = GATEWAY.arrive(new GatewayRequest(redirect("https://n143.network-auth.com/splash/grant"), "x"));
        assertThat(result).isInstanceOf(Arrival.class);
        Arrival arrival = (Arrival) result;
        assertThat(arrival.clientMac()).isEqualTo("3c:22:fb:11:22:33");
        assertThat(arrival.originUrl()).isEqualTo("http://example.com/");
        GrantStep step = GATEWAY.grantStep(arrival.grant(), "http://example.com/", () -> {
            throw new AssertionError("click-through needs no RADIUS login");
        });
        assertThat(step).isEqualTo(new GrantStep.Redirect(
                "https://n143.network-auth.com/splash/grant?continue_url=http%3A%2F%2Fexample.com%2F&duration=3600"));
    }

    @Test
    void aGrantUrlOffTheCloudsDomainOrWithoutHttpsIsRejected() {
        for (String bad : new String[] {"https://network-auth.com.evil.example/splash/grant", "http://n143.network-auth.com/splash/grant",
                "https://evil.example/?x=network-auth.com", "javascript:alert(1)", "https://n143.network-auth.com/splash/grant?x=1"}) {
            assertThat(GATEWAY.arrive(new GatewayRequest(redirect(bad), "x"))).as(bad).isInstanceOf(ArrivalResult.Rejected.class);
        }
        assertThat(GATEWAY.arrive(new GatewayRequest(redirect("https://n1.network-auth.com/g").replace("client_mac=", "client_mac=z"), "x")))
                .isInstanceOf(ArrivalResult.Rejected.class);
    }
}
