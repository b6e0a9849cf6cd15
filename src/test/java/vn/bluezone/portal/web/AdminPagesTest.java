package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.PortalUnderTest;

/** Operators add venues and gateways in the web UI; a gateway's secret is shown once; nobody else may. */
class AdminPagesTest {
    private static final String PASSWORD = "admin-pages-2026";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern FASKEY = Pattern.compile("option faskey '([0-9a-f]{32})'");
    private static final Pattern VISIT = Pattern.compile("name=\"v\" value=\"([^\"]+)\"");
    private static final String HID = "9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "");
        portal.addUser("operator1", Role.OPERATOR, Set.of(), PASSWORD);
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
        portal.addUser("market", Role.VENUE, Set.of("hoi-an-market"), PASSWORD);
        portal.addUser("province", Role.AUTHORITY, Set.of(), PASSWORD);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("the page has a form").isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anOperatorAddsAVenueAndAnOpenNdsGatewayWhoseKeyIsShownOnceAndWorks() throws Exception {
        String session = portal.signIn("operator1", PASSWORD);
        assertThat(portal.get("/dashboard", "Cookie", session).body()).contains("href=\"/admin/venues\"");
        HttpResponse<String> venues = portal.get("/admin/venues", "Cookie", session);
        assertThat(venues.statusCode()).isEqualTo(200);
        assertThat(venues.body()).contains("Địa điểm", "Venues", "<td>hue-station</td>", "configuration file");

        HttpResponse<String> added = portal.postForm("/admin/venues", "csrf=" + csrf(venues) + "&code=hoi-an-market&name="
                + enc("Chợ Hội An <b>") + "&time-zone=Asia%2FHo_Chi_Minh&remind-every=12h&session-timeout=1h&district=" + enc("Hội An")
                + "&type=" + enc("Chợ / Market"), "Cookie", session);
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/admin/venues?added=hoi-an-market");
        HttpResponse<String> list = portal.get("/admin/venues?added=hoi-an-market", "Cookie", session);
        assertThat(list.body()).contains("<td>hoi-an-market</td>", "Chợ Hội An &lt;b&gt;", "<td>12h</td>", "added here")
                .doesNotContain("Chợ Hội An <b>");

        HttpResponse<String> gateways = portal.get("/admin/gateways", "Cookie", session);
        assertThat(gateways.body()).contains("<option value=\"hoi-an-market\">").contains("<option value=\"2\"").doesNotContain("<option value=\"3\"");
        HttpResponse<String> shown = portal.postForm("/admin/gateways", "csrf=" + csrf(gateways)
                + "&id=hoi-an-gw&kind=opennds&venue=hoi-an-market&level=1&address=", "Cookie", session);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        String pasted = shown.body().replace("&#39;", "'");
        assertThat(pasted).contains("option faspath '/opennds/hoi-an-gw/'", "option fas_secure_enabled '1'", "option fasremoteip '127.0.0.1'");
        Matcher key = FASKEY.matcher(pasted);
        assertThat(key.find()).isTrue();
        String faskey = key.group(1);

        HttpResponse<String> again = portal.get("/admin/gateways", "Cookie", session);
        assertThat(again.body()).contains("<td>hoi-an-gw</td>", "opennds (level 1)", AdminPages.MASK).doesNotContain(faskey);

        String payload = "hid=" + HID + ", clientip=10.231.1.10, clientmac=02:00:0a:e7:01:0a, client_type=cpd_can, gatewayname=HoiAn, "
                + "gatewayaddress=10.231.1.1:2050, originurl=http%3a%2f%2fexample.org%2f";
        HttpResponse<String> notice = portal.get("/opennds/hoi-an-gw/?fas=" + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(shownAt("hoi-an-market")).isEqualTo(1);
        Matcher visit = VISIT.matcher(notice.body());
        assertThat(visit.find()).isTrue();
        HttpResponse<String> grant = portal.postForm("/continue", "v=" + visit.group(1) + "&lang=vi");
        assertThat(grant.statusCode()).isEqualTo(303);
        String tok = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((HID + faskey).getBytes(StandardCharsets.UTF_8)));
        assertThat(grant.headers().firstValue("Location").orElseThrow()).startsWith("http://10.231.1.1:2050/opennds_auth/?tok=" + tok);

        HttpResponse<String> taken = portal.postForm("/admin/gateways", "csrf=" + csrf(again)
                + "&id=hue-gw&kind=meraki&venue=hoi-an-market", "Cookie", session);
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("đã được dùng trong tệp cấu hình", "already used in the configuration file", "value=\"hue-gw\"");
    }

    @Test
    void anOperatorRemovesWhatWasAddedHereAndMakesANewSecretEachAfterConfirming() throws Exception {
        String op = portal.signIn("operator1", PASSWORD);
        String csrf = csrf(portal.get("/admin/venues", "Cookie", op));
        assertThat(portal.postForm("/admin/venues", "csrf=" + csrf + "&code=hoi-an-market", "Cookie", op).statusCode()).isEqualTo(303);
        String firstKey = faskey(portal.postForm("/admin/gateways", "csrf=" + csrf + "&id=hoi-an-gw&kind=opennds&venue=hoi-an-market&level=1",
                "Cookie", op));
        String list = portal.get("/admin/gateways", "Cookie", op).body();
        assertThat(list).contains("name=\"key\" value=\"hoi-an-gw\"").doesNotContain("name=\"key\" value=\"hue-gw\"");
        assertThat(grantLocation("02:00:0a:e7:01:0a")).contains("tok=" + tok(firstKey));

        HttpResponse<String> asked = portal.postForm("/admin/venues", "csrf=" + csrf + "&action=remove&key=hoi-an-market", "Cookie", op);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Remove &#39;hoi-an-market&#39;?", "name=\"confirm\" value=\"yes\"");
        HttpResponse<String> inUse = portal.postForm("/admin/venues", "csrf=" + csrf + "&action=remove&key=hoi-an-market&confirm=yes", "Cookie", op);
        assertThat(inUse.statusCode()).isEqualTo(400);
        assertThat(inUse.body()).contains("vẫn được dùng bởi: hoi-an-gw", "still used by: hoi-an-gw");

        HttpResponse<String> notYet = portal.postForm("/admin/gateways", "csrf=" + csrf + "&action=new-secret&key=hoi-an-gw", "Cookie", op);
        assertThat(notYet.body()).contains("The old one stops working").doesNotContain("option faskey");
        String secondKey = faskey(portal.postForm("/admin/gateways", "csrf=" + csrf + "&action=new-secret&key=hoi-an-gw&confirm=yes", "Cookie", op));
        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(grantLocation("02:00:0a:e7:01:0b")).as("the gateway's new faskey is used at once").contains("tok=" + tok(secondKey));

        HttpResponse<String> removed = portal.postForm("/admin/gateways", "csrf=" + csrf + "&action=remove&key=hoi-an-gw&confirm=yes", "Cookie", op);
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(removed.headers().firstValue("Location")).hasValue("/admin/gateways?removed=hoi-an-gw");
        assertThat(portal.get("/admin/gateways?removed=hoi-an-gw", "Cookie", op).body()).contains("hoi-an-gw removed").doesNotContain("<td>hoi-an-gw</td>");
        assertThat(portal.get("/opennds/hoi-an-gw/?fas=" + fas("02:00:0a:e7:01:0c")).statusCode()).as("a removed gateway's visitors are not served").isEqualTo(404);
        assertThat(portal.postForm("/admin/venues", "csrf=" + csrf + "&action=remove&key=hoi-an-market&confirm=yes", "Cookie", op).statusCode())
                .isEqualTo(303);

        HttpResponse<String> fromFile = portal.postForm("/admin/gateways", "csrf=" + csrf + "&action=remove&key=hue-gw&confirm=yes", "Cookie", op);
        assertThat(fromFile.statusCode()).isEqualTo(400);
        assertThat(fromFile.body()).contains("is in the configuration file");
        HttpResponse<String> venueReader = portal.postForm("/admin/gateways", "csrf=" + csrf(portal.get("/dashboard", "Cookie",
                portal.signIn("hue-venue", PASSWORD))) + "&action=remove&key=hue-gw&confirm=yes", "Cookie", portal.signIn("hue-venue", PASSWORD));
        assertThat(venueReader.statusCode()).isEqualTo(403);
    }

    private static String faskey(HttpResponse<String> shown) {
        assertThat(shown.statusCode()).isEqualTo(200);
        Matcher key = FASKEY.matcher(shown.body().replace("&#39;", "'"));
        assertThat(key.find()).as("the page shows the faskey").isTrue();
        return key.group(1);
    }

    private static String fas(String mac) {
        String payload = "hid=" + HID + ", clientip=10.231.1.10, clientmac=" + mac + ", client_type=cpd_can, gatewayname=HoiAn, "
                + "gatewayaddress=10.231.1.1:2050, originurl=http%3a%2f%2fexample.org%2f";
        return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Where Continue sends a new visitor (one MAC each time) of the added openNDS gateway. */
    private String grantLocation(String mac) throws Exception {
        Matcher visit = VISIT.matcher(portal.get("/opennds/hoi-an-gw/?fas=" + fas(mac)).body());
        assertThat(visit.find()).isTrue();
        return portal.postForm("/continue", "v=" + visit.group(1) + "&lang=vi").headers().firstValue("Location").orElseThrow();
    }

    private static String tok(String faskey) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((HID + faskey).getBytes(StandardCharsets.UTF_8)));
    }

    private int shownAt(String venue) throws Exception {
        HttpResponse<String> stats = portal.get("/api/stats?venue=" + venue);
        assertThat(stats.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(stats.body()).get("totals").get("shown").asInt();
    }

    @Test
    void aVenueAddedLaterIsInTheScopeOfEveryVenueReadersAndOfItsAssignedUsersOnly() throws Exception {
        String op = portal.signIn("operator1", PASSWORD);
        HttpResponse<String> venues = portal.get("/admin/venues", "Cookie", op);
        assertThat(portal.postForm("/admin/venues", "csrf=" + csrf(venues) + "&code=hoi-an-market", "Cookie", op).statusCode()).isEqualTo(303);

        assertThat(portal.get("/dashboard?venue=hoi-an-market", "Cookie", portal.signIn("province", PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(portal.get("/dashboard?venue=hoi-an-market", "Cookie", portal.signIn("market", PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(portal.get("/dashboard?venue=hoi-an-market", "Cookie", portal.signIn("hue-venue", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(portal.get("/dashboard?venue=hoi-an-market", "Cookie", op).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyASignedInOperatorWithTheSessionsTokenMayAdd() throws Exception {
        for (String path : new String[] {"/admin/venues", "/admin/gateways", "/admin/radius-clients"}) {
            HttpResponse<String> anonymous = portal.get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=" + enc(path));
            assertThat(portal.postForm(path, "code=x").statusCode()).isEqualTo(303);
        }
        for (String user : new String[] {"hue-venue", "province"}) {
            String session = portal.signIn(user, PASSWORD);
            HttpResponse<String> refused = portal.get("/admin/gateways", "Cookie", session);
            assertThat(refused.statusCode()).as(user).isEqualTo(403);
            assertThat(refused.body()).contains("Chỉ nhà vận hành", "Only operators");
            String csrf = csrf(portal.get("/dashboard", "Cookie", session));
            assertThat(portal.postForm("/admin/venues", "csrf=" + csrf + "&code=sneaky", "Cookie", session).statusCode()).isEqualTo(403);
        }
        String op = portal.signIn("operator1", PASSWORD);
        for (String body : new String[] {"code=no-token", "csrf=wrong&code=wrong-token"}) {
            HttpResponse<String> forged = portal.postForm("/admin/venues", body, "Cookie", op);
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("did not come from this page");
        }
        assertThat(portal.get("/admin/venues", "Cookie", op).body()).doesNotContain("sneaky", "no-token", "wrong-token");
        HttpResponse<String> radius = portal.get("/admin/radius-clients", "Cookie", op);
        assertThat(radius.body()).contains("not enabled in the configuration file");
        HttpResponse<String> noRadius = portal.postForm("/admin/radius-clients", "csrf=" + csrf(radius)
                + "&name=nas&address=10.0.0.1&venue=hue-station", "Cookie", op);
        assertThat(noRadius.statusCode()).isEqualTo(400);
    }
}
