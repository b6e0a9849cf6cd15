package vn.bluezone.portal.gateway.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.VenueSettings;
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

    /** The recorded level 0 redirect's query (openNDS 9.10, token in clear, nested query not encoded). */
    static final String RECORDED_LEVEL0 = "authaction=http://10.231.1.1:2050/opennds_auth/?clientip=10.231.1.10"
            + "&gatewayname=HarnessGateway%20Node%3a02000ae70101%20&tok=122985aa&redir=http%3a%2f%2f10.231.2.2%2f";

    static final VenueSettings VENUE = new VenueSettings("venue", "Venue", ZoneId.of("Asia/Ho_Chi_Minh"), Duration.ofHours(24),
            new VenueSettings.SessionLimits(Duration.ofHours(2), Duration.ofMinutes(15), Duration.ofMinutes(5), 512, 2048, 100, 1000));

    private static OpenNdsGateway gateway(int level, String name, String address) {
        return new OpenNdsGateway(new GatewaySettings("gw", GatewaySettings.Kind.OPENNDS, "venue",
                new GatewaySettings.OpenNdsSettings(level == 0 ? "" : "HarnessKey12345", level, name, address), null, null, null, null),
                VENUE);
    }

    private static String level2Payload() {
        return RECORDED_LEVEL1.replace("gatewaymac=02000ae70101,", "gatewaymac=02000ae70101, authdir=opennds_auth,");
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
        String fas = OpenNdsEncryption.encrypt("HarnessKey12345", level2Payload(), iv);
        Arrival arrival = (Arrival) gateway(2, "HarnessGateway", "10.231.1.1:2050").arrive(new GatewayRequest("fas=" + fas + "&iv=" + iv, "x"));
        assertThat(arrival.clientMac()).isEqualTo("02:00:0a:e7:01:0a");
        assertThat(arrival.grant()).containsEntry("authdir", "opennds_auth");
    }

    @Test
    void level2WithAnotherKeyIsRefused() {
        String iv = "429092d42ba6b6fd";
        String fas = OpenNdsEncryption.encrypt("SomeoneElsesKey9", RECORDED_LEVEL1, iv);
        ArrivalResult result = gateway(2, "", "").arrive(new GatewayRequest("fas=" + fas + "&iv=" + iv, "x"));
        assertThat(((ArrivalResult.Rejected) result).detail()).contains("does not decrypt");
    }

    @Test
    void aGatewayAcceptsOnlyRedirectsOfItsOwnLevel() {
        assertThat(((ArrivalResult.Rejected) level1(gateway(2, "", ""), RECORDED_LEVEL1)).detail()).contains("configured for level 2");
        assertThat(((ArrivalResult.Rejected) level1(gateway(3, "", ""), RECORDED_LEVEL1)).detail()).contains("configured for level 3");
        assertThat(((ArrivalResult.Rejected) level1(gateway(0, "", ""), RECORDED_LEVEL1)).detail()).contains("configured for level 0");
        String iv = "429092d42ba6b6fd";
        String encrypted = "fas=" + OpenNdsEncryption.encrypt("HarnessKey12345", level2Payload(), iv) + "&iv=" + iv;
        assertThat(((ArrivalResult.Rejected) GATEWAY.arrive(new GatewayRequest(encrypted, "x"))).detail()).contains("configured for level 1");
        assertThat(((ArrivalResult.Rejected) gateway(4, "", "").arrive(new GatewayRequest(encrypted, "x"))).detail()).contains("level 4");
        assertThat(((ArrivalResult.Rejected) gateway(1, "", "").arrive(new GatewayRequest(RECORDED_LEVEL0, "x"))).detail()).contains("no fas");
    }

    @Test
    void aRecordedLevel0RedirectBecomesAnArrivalWithoutAMac() {
        Arrival arrival = (Arrival) gateway(0, "HarnessGateway", "").arrive(new GatewayRequest(RECORDED_LEVEL0, "10.231.2.1"));
        assertThat(arrival.clientMac()).isEmpty();
        assertThat(arrival.clientAddress()).isEqualTo("10.231.1.10");
        assertThat(arrival.originUrl()).isEqualTo("http://10.231.2.2/");
        String url = ((GrantStep.Redirect) gateway(0, "", "").grantStep(arrival.grant(), "http://portal/welcome?v=a", () -> {
            throw new AssertionError("openNDS logs visitors in without RADIUS");
        })).url();
        assertThat(url).isEqualTo("http://10.231.1.1:2050/opennds_auth/?tok=122985aa&redir=http%3A%2F%2Fportal%2Fwelcome%3Fv%3Da");
    }

    @Test
    void aLevel0RedirectIsCheckedAsStrictlyAsTheOthers() {
        OpenNdsGateway level0 = gateway(0, "", "");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("tok=122985aa", "tok=12298"))).contains("tok");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("tok=122985aa&", ""))).contains("tok");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("http://10.231.1.1:2050", "http://evil.example:2050"))).contains("authaction");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("http://10.231.1.1:2050", "http://8.8.8.8:2050"))).contains("authaction");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("http://10.231.1.1:2050", "http://10.0.0.1@evil.example:2050"))).contains("authaction");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("http://", "javascript://"))).contains("authaction");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("/opennds_auth/", "/../admin"))).contains("authaction");
        assertThat(level0Rejection(level0, RECORDED_LEVEL0.replace("clientip=10.231.1.10", "clientip=not-an-ip"))).contains("clientip");
        assertThat(level0Rejection(gateway(0, "Other", ""), RECORDED_LEVEL0)).contains("gatewayname");
        assertThat(level0Rejection(gateway(0, "", "10.9.9.9:2050"), RECORDED_LEVEL0)).contains("authaction");
        Arrival noOrigin = (Arrival) level0.arrive(new GatewayRequest(RECORDED_LEVEL0.replace("redir=http%3a", "redir=javascript%3a"), "x"));
        assertThat(noOrigin.originUrl()).isEmpty();
    }

    @Test
    void atLevel3TheGrantIsQueuedForTheRoutersAuthmonWithTheVenuesLimits() {
        String iv = "cf16c37a49aa7761";
        String fas = OpenNdsEncryption.encrypt("HarnessKey12345", level2Payload(), iv);
        Arrival arrival = (Arrival) gateway(3, "HarnessGateway", "").arrive(new GatewayRequest("fas=" + fas + "&iv=" + iv, "x"));
        String rhid = new FasCipher("HarnessKey12345").grantToken("9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9");
        GrantStep.Polled step = (GrantStep.Polled) gateway(3, "", "").grantStep(arrival.grant(), "http://portal/welcome", () -> {
            throw new AssertionError("openNDS logs visitors in without RADIUS");
        });
        // gatewayhash of the recorded gateway name, as authmon itself sent it
        assertThat(step.poller()).isEqualTo("6d2e431b8277744e048a0e7b5e2099671555427cf0d7e29e0dc0f09cd1d8fb8d");
        assertThat(step.key()).isEqualTo(rhid);
        // 120 minutes (session-timeout 2h, under remind-every 24h), 512/2048 kbit/s, 100/1000 MiB in kB, venue=venue
        assertThat(step.line()).isEqualTo(rhid + "%20120%20512%202048%20102400%201024000%20dmVudWU9dmVudWU%3D");
    }

    @Test
    void level4IsTheBase64PayloadWithAuthmon() {
        Arrival arrival = (Arrival) level1(gateway(4, "", ""), RECORDED_LEVEL1);
        assertThat(gateway(4, "", "").grantStep(arrival.grant(), "http://portal/welcome", () -> null)).isInstanceOf(GrantStep.Polled.class);
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

    private static String level0Rejection(OpenNdsGateway gateway, String query) {
        ArrivalResult result = gateway.arrive(new GatewayRequest(query, "x"));
        assertThat(result).as(query).isInstanceOf(ArrivalResult.Rejected.class);
        return ((ArrivalResult.Rejected) result).detail();
    }

    private static String rejection(String payload) {
        ArrivalResult result = level1(GATEWAY, payload);
        assertThat(result).isInstanceOf(ArrivalResult.Rejected.class);
        return ((ArrivalResult.Rejected) result).detail();
    }
}
