package vn.bluezone.portal.gateway.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.GatewayAddresses;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;

class OpenNdsGatewayTest {
    /** The client data a real openNDS 9.10 sent at level 1 (decoded), from a recorded redirect. */
    static final String RECORDED_LEVEL1 = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=10.231.1.10, "
            + "clientmac=02:00:0a:e7:01:0a, client_type=cpd_can, gatewayname=HarnessGateway%20Node%3a02000ae70101%20, "
            + "gatewayurl=http%3a%2f%2fstatus.client, version=9.10.0, gatewayaddress=10.231.1.1:2050, gatewaymac=02000ae70101, "
            + "originurl=http%3a%2f%2f10.231.2.2%2f, clientif=br-lan, themespec=(null), (null)(null)(null)(null)";

    private static OpenNdsGateway gateway(int minLevel, String name, String address) {
        return new OpenNdsGateway(new GatewaySettings("gw", GatewaySettings.Kind.OPENNDS, "venue",
                new GatewaySettings.OpenNdsSettings("HarnessKey12345", minLevel, name, address), null, null, null, null));
    }

    private static final OpenNdsGateway GATEWAY = gateway(1, "", "");

    private static ArrivalResult level1(OpenNdsGateway gateway, String payload) {
        return gateway.arrive(new GatewayRequest("fas=" + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)), "10.231.2.1"));
    }

    @Test
    void aRecordedLevel1RedirectBecomesAnArrival() {
        Arrival arrival = (Arrival) level1(GATEWAY, RECORDED_LEVEL1);
        assertThat(arrival.clientMac()).isEqualTo("02:00:0a:e7:01:0a");
        assertThat(arrival.clientAddress()).isEqualTo("10.231.1.10");
        assertThat(arrival.originUrl()).isEqualTo("http://10.231.2.2/");
        assertThat(arrival.grant()).containsEntry("address", "10.231.1.1:2050").containsEntry("authdir", "opennds_auth")
                .containsEntry("tok", new FasCipher("HarnessKey12345").grantToken("9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9"));
    }

    @Test
    void aPlusInTheBase64ThatAFormDecoderTurnedIntoASpaceStillDecodes() {
        String payload = RECORDED_LEVEL1.replace("themespec=(null)", "themespec=>>>~~~???");
        String fas = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(fas).containsAnyOf("+", "/");
        assertThat(GATEWAY.arrive(new GatewayRequest("fas=" + fas.replace('+', ' '), "x"))).isInstanceOf(Arrival.class);
        assertThat(GATEWAY.arrive(new GatewayRequest("fas=" + fas.replace("+", "%2B").replace("/", "%2F"), "x"))).isInstanceOf(Arrival.class);
    }

    @Test
    void level2IsDecryptedWithTheGatewaysKey() {
        String iv = "429092d42ba6b6fd";
        String fas = OpenNdsEncryption.encrypt("HarnessKey12345", RECORDED_LEVEL1.replace("gatewaymac=02000ae70101,", "gatewaymac=02000ae70101, authdir=opennds_auth,"), iv);
        Arrival arrival = (Arrival) gateway(2, "HarnessGateway", "10.231.1.1:2050").arrive(new GatewayRequest("fas=" + fas + "&iv=" + iv, "x"));
        assertThat(arrival.clientMac()).isEqualTo("02:00:0a:e7:01:0a");
        assertThat(arrival.grant()).containsEntry("authdir", "opennds_auth");
    }

    @Test
    void level2WithAnotherKeyIsRefused() {
        String iv = "429092d42ba6b6fd";
        String fas = OpenNdsEncryption.encrypt("SomeoneElsesKey9", RECORDED_LEVEL1, iv);
        assertThat(GATEWAY.arrive(new GatewayRequest("fas=" + fas + "&iv=" + iv, "x"))).isInstanceOf(ArrivalResult.Rejected.class);
    }

    @Test
    void aGatewayConfiguredForLevel2RefusesALevel1Downgrade() {
        assertThat(level1(gateway(2, "", ""), RECORDED_LEVEL1)).isInstanceOf(ArrivalResult.Rejected.class);
    }

    @Test
    void untrustedParametersAreRefusedWithAReason() {
        assertThat(GATEWAY.arrive(new GatewayRequest("", "x"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest("fas=%%%garbage***", "x"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest("fas=" + "QUFB".repeat(3000), "x"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest("fas=aGVsbG8=&iv=short", "x"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(rejection(RECORDED_LEVEL1.replace("hid=9e57", "hid=XYZ7"))).contains("hid");
        assertThat(rejection(RECORDED_LEVEL1.replace("clientmac=02:00:0a:e7:01:0a", "clientmac=(null)"))).contains("clientmac");
        assertThat(rejection(RECORDED_LEVEL1.replace("clientip=10.231.1.10", "clientip=<script>"))).contains("clientip");
    }

    @Test
    void visitorsAreOnlyEverSentBackToAGatewayOnAPrivateAddress() {
        assertThat(rejection(RECORDED_LEVEL1.replace("10.231.1.1:2050", "evil.example.com:80"))).contains("gatewayaddress");
        assertThat(rejection(RECORDED_LEVEL1.replace("10.231.1.1:2050", "8.8.8.8:2050"))).contains("gatewayaddress");
        assertThat(rejection(RECORDED_LEVEL1.replace("10.231.1.1:2050", "10.231.1.1:2050/../x"))).contains("gatewayaddress");
        assertThat(level1(gateway(1, "", "10.9.9.9:2050"), RECORDED_LEVEL1)).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(level1(gateway(1, "", "10.231.1.1:2050"), RECORDED_LEVEL1)).isInstanceOf(Arrival.class);
        assertThat(GatewayAddresses.isPrivateIpv4("192.168.8.1")).isTrue();
        assertThat(GatewayAddresses.isPrivateIpv4("172.32.0.1")).isFalse();
        assertThat(GatewayAddresses.isPrivateIpv4("100.64.0.1")).isTrue();
        assertThat(GatewayAddresses.isPrivateIpv4("300.1.1.1")).isFalse();
    }

    @Test
    void theGatewayNameMustMatchWhenConfigured() {
        assertThat(level1(gateway(1, "HarnessGateway", ""), RECORDED_LEVEL1)).isInstanceOf(Arrival.class);
        assertThat(level1(gateway(1, "OtherGateway", ""), RECORDED_LEVEL1)).isInstanceOf(ArrivalResult.Rejected.class);
    }

    @Test
    void anOriginThatIsNotHttpIsDropped() {
        Arrival arrival = (Arrival) level1(GATEWAY, RECORDED_LEVEL1.replace("originurl=http%3a%2f%2f10.231.2.2%2f", "originurl=javascript%3aalert(1)"));
        assertThat(arrival.originUrl()).isEmpty();
    }

    @Test
    void anAlreadyAuthenticatedClientIsRecognised() {
        assertThat(GATEWAY.arrive(new GatewayRequest("tok=x&status=authenticated", "x"))).isInstanceOf(ArrivalResult.AlreadyOnline.class);
    }

    @Test
    void theGrantUrlAlwaysCarriesBothTokAndRedir() {
        Arrival arrival = (Arrival) level1(GATEWAY, RECORDED_LEVEL1);
        String url = ((GrantStep.Redirect) GATEWAY.grantStep(arrival.grant(), "http://10.231.2.3:8080/welcome?lang=vi&v=abc", () -> {
            throw new AssertionError("openNDS logs visitors in without RADIUS");
        })).url();
        assertThat(url).startsWith("http://10.231.1.1:2050/opennds_auth/?tok=" + arrival.grant().get("tok") + "&redir=")
                .endsWith("redir=http%3A%2F%2F10.231.2.3%3A8080%2Fwelcome%3Flang%3Dvi%26v%3Dabc");
    }

    private static String rejection(String payload) {
        ArrivalResult result = level1(GATEWAY, payload);
        assertThat(result).isInstanceOf(ArrivalResult.Rejected.class);
        return ((ArrivalResult.Rejected) result).detail();
    }
}
