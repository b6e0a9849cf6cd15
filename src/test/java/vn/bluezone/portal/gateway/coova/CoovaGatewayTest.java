package vn.bluezone.portal.gateway.coova;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;

/** CoovaChilli's redirect and login arithmetic, against vectors from chilli's documented formulas. */
class CoovaGatewayTest {
    private static final String PORTAL = "http://portal.example.net/splash";
    private static final String CHALLENGE = "1b7b6c5e9bdf4a8a0f3e2d1c4b5a6978";
    private static final String REDIRECT = "res=notyet&uamip=10.1.0.1&uamport=3990&challenge=" + CHALLENGE
            + "&called=00-11-22-33-44-55&mac=AA-BB-CC-DD-EE-FF&ip=10.1.0.23&nasid=mall-east-01&sessionid=151e6d9a00000001"
            + "&userurl=http%3a%2f%2fexample.com%2f";
    private static final CoovaGateway GATEWAY = new CoovaGateway(new GatewaySettings("mall", GatewaySettings.Kind.COOVA, "mall", null,
            new GatewaySettings.CoovaSettings("uamsecret", ""), null, null, null));

    private static ArrivalResult arrive(String queryWithoutMd) {
        String md = ChilliChap.urlChecksum(PORTAL + "?" + queryWithoutMd, "uamsecret");
        return GATEWAY.arrive(new GatewayRequest(queryWithoutMd + "&md=" + md, "10.1.0.23", PORTAL));
    }

    @Test
    void theChapArithmeticMatchesChillisFormula() {
        assertThat(HexFormat.of().formatHex(ChilliChap.radiusChallenge(CHALLENGE, "uamsecret"))).isEqualTo("5d3524d852b2962aa05f5e28e5cb1288");
        assertThat(ChilliChap.response("visitor", CHALLENGE, "uamsecret")).isEqualTo("5cf73b9b76f981b7a9d001c271bfeffc");
        assertThat(ChilliChap.response("visitor", CHALLENGE, "")).isEqualTo("9c11d60fbe04fe1c28ccfa1c5b6ee471");
        assertThat(ChilliChap.urlChecksum(PORTAL + "?" + REDIRECT, "uamsecret")).isEqualTo("75B89D133D872B23AEABCA439101401D");
    }

    @Test
    void aSignedRedirectBecomesAnArrival() {
        ArrivalResult result = GATEWAY.arrive(new GatewayRequest(REDIRECT + "&md=75B89D133D872B23AEABCA439101401D", "10.1.0.23", PORTAL));
        assertThat(result).isInstanceOf(Arrival.class);
        Arrival arrival = (Arrival) result;
        assertThat(arrival.clientMac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(arrival.clientAddress()).isEqualTo("10.1.0.23");
        assertThat(arrival.originUrl()).isEqualTo("http://example.com/");
        assertThat(arrival.grant()).containsEntry("uamip", "10.1.0.1").containsEntry("uamport", "3990").containsEntry("challenge", CHALLENGE);
    }

    @Test
    void aTamperedUnsignedOrMisdirectedRedirectIsRejected() {
        String tampered = REDIRECT.replace("ip=10.1.0.23", "ip=10.1.0.99") + "&md=75B89D133D872B23AEABCA439101401D";
        assertThat(GATEWAY.arrive(new GatewayRequest(tampered, "x", PORTAL))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(REDIRECT, "x", PORTAL))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(GATEWAY.arrive(new GatewayRequest(REDIRECT + "&md=75B89D133D872B23AEABCA439101401D", "x", "http://elsewhere/splash")))
                .as("signed for another uamserver").isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(arrive(REDIRECT.replace("uamip=10.1.0.1", "uamip=8.8.8.8"))).as("not a LAN address: no open redirect")
                .isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(arrive(REDIRECT.replace(CHALLENGE, "xyz"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(arrive(REDIRECT.replace("mac=AA-BB-CC-DD-EE-FF", "mac=nope"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(arrive(REDIRECT.replace("uamport=3990", "uamport=99999"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(arrive(REDIRECT.replace("res=notyet", "res=popup1"))).isInstanceOf(ArrivalResult.Rejected.class);
        assertThat(arrive(REDIRECT.replace("userurl=http%3a%2f%2fexample.com%2f", "userurl=javascript%3aalert(1)")))
                .isInstanceOfSatisfying(Arrival.class, a -> assertThat(a.originUrl()).isEmpty());
    }

    @Test
    void afterALoginChilliSendsTheVisitorBackWithSuccess() {
        ArrivalResult result = arrive("res=success&uamip=10.1.0.1&uamport=3990&mac=AA-BB-CC-DD-EE-FF&uid=bz1.x"
                + "&userurl=http%3a%2f%2fportal.example.net%2fwelcome%3flang%3dvi%26v%3dabc");
        assertThat(result).isEqualTo(new ArrivalResult.AlreadyOnline("http://portal.example.net/welcome?lang=vi&v=abc"));
    }

    @Test
    void theLoginGoesToChilliWithTheTokenAndItsChapResponse() {
        Arrival arrival = (Arrival) arrive(REDIRECT);
        GrantToken token = new GrantToken("bz1.user", "visitor", "n", Instant.EPOCH, "vi");
        String url = ((GrantStep.Redirect) GATEWAY.grantStep(arrival.grant(), "http://portal.example.net/welcome?lang=vi&v=abc", () -> token)).url();
        assertThat(url).isEqualTo("http://10.1.0.1:3990/logon?username=bz1.user&response=5cf73b9b76f981b7a9d001c271bfeffc"
                + "&userurl=http%3A%2F%2Fportal.example.net%2Fwelcome%3Flang%3Dvi%26v%3Dabc");
    }
}
