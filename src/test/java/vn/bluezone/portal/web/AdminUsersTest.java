package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.User;
import vn.bluezone.portal.testing.PortalUnderTest;

/** The operators' page of staff accounts over real HTTP, signed in through /login as a browser is. */
class AdminUsersTest {
    private static final String PASSWORD = "admin-users-pass-2026";
    private static final String NEW_PASSWORD = "Mật-khẩu-mới-2027";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("bz_(?:login|session)=([^;]+)");
    private static final Pattern TOKEN = Pattern.compile("<code class=\"token\">(bz_[A-Za-z0-9_-]+)</code>");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "api:\n  token: machine-token-0123456789\n");
        portal.addUser("admin", Role.OPERATOR, Set.of(), PASSWORD);
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
        portal.addUser("province", Role.AUTHORITY, Set.of(), PASSWORD);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** A signed-in browser: its cookie header and the session's CSRF token. */
    private record Browser(String cookie, String csrf) {
    }

    private Browser signIn(String username, String password) throws Exception {
        HttpResponse<String> form = portal.get("/login");
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> in = portal.postForm("/login", "csrf=" + csrf.group(1) + "&username=" + username + "&password="
                + enc(password) + "&next=%2Fdashboard", "Cookie", "bz_login=" + cookie(form));
        assertThat(in.statusCode()).as("sign-in of " + username).isEqualTo(303);
        String session = "bz_session=" + cookie(in);
        HttpResponse<String> dashboard = portal.get("/dashboard", "Cookie", session);
        Matcher token = CSRF.matcher(dashboard.body());
        assertThat(token.find()).isTrue();
        return new Browser(session, token.group(1));
    }

    private static String cookie(HttpResponse<String> response) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            Matcher m = COOKIE.matcher(line);
            if (m.find() && !m.group(1).isEmpty()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no cookie in " + response.headers());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(Browser as, String body) throws Exception {
        return portal.postForm("/admin/users", "csrf=" + enc(as.csrf()) + "&" + body, "Cookie", as.cookie());
    }

    private static String addForm(String username, String role, String venues, String password, String again) {
        return "action=add&username=" + enc(username) + "&role=" + role + venues + "&password=" + enc(password) + "&confirm-password=" + enc(again);
    }

    @Test
    void anOperatorAddsAVenueUserWhoThenSignsInAndSeesOnlyTheirVenue() throws Exception {
        Browser admin = signIn("admin", PASSWORD);
        assertThat(portal.get("/dashboard", "Cookie", admin.cookie()).body()).contains("<a href=\"/admin/users\">Người dùng / Users</a>");
        HttpResponse<String> list = portal.get("/admin/users", "Cookie", admin.cookie());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Quản lý người dùng", "Staff accounts", "Thêm người dùng", "Add a user")
                .contains("<td>admin</td>", "<td>hue-venue</td>", "<td>province</td>", "Bến xe Phía Nam Huế")
                .contains("name=\"venue\" value=\"demo\"", "name=\"venue\" value=\"hue-station\"", "Đây là bạn", "you cannot remove yourself")
                .doesNotContain("argon2");

        HttpResponse<String> added = post(admin, addForm("hue-quay", "venue", "&venue=hue-station", NEW_PASSWORD, NEW_PASSWORD));
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/admin/users?done=added&user=hue-quay");
        assertThat(portal.get("/admin/users?done=added&user=hue-quay", "Cookie", admin.cookie()).body())
                .contains("Đã thêm người dùng hue-quay.", "User hue-quay was added.", "<td>hue-quay</td>");
        assertThat(portal.accounts().find("hue-quay")).map(User::venues).contains(Set.of("hue-station"));

        Browser quay = signIn("hue-quay", NEW_PASSWORD);
        HttpResponse<String> dashboard = portal.get("/dashboard", "Cookie", quay.cookie());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Bến xe Phía Nam Huế").doesNotContain("<option value=\"demo\"", "/admin/users");
        assertThat(portal.get("/dashboard?venue=demo", "Cookie", quay.cookie()).statusCode()).isEqualTo(403);

        assertThat(post(admin, addForm("two-places", "venue", "&venue=hue-station&venue=demo", NEW_PASSWORD, NEW_PASSWORD)).statusCode())
                .isEqualTo(303);
        assertThat(portal.accounts().find("two-places")).map(User::venues).contains(Set.of("demo", "hue-station"));
        assertThat(post(admin, addForm("sotttt", "authority", "", NEW_PASSWORD, NEW_PASSWORD)).statusCode()).isEqualTo(303);
        assertThat(portal.accounts().find("sotttt")).map(User::role).contains(Role.AUTHORITY);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        Browser admin = signIn("admin", PASSWORD);
        String add = addForm("intruder", "operator", "", NEW_PASSWORD, NEW_PASSWORD);
        for (String body : new String[] {add, "csrf=&" + add, "csrf=wrong-token&" + add, "csrf=" + enc(admin.csrf()) + "x&" + add}) {
            HttpResponse<String> refused = portal.postForm("/admin/users", body, "Cookie", admin.cookie());
            assertThat(refused.statusCode()).as(body).isEqualTo(403);
            assertThat(refused.body()).contains("không có gì thay đổi", "nothing was changed");
        }
        Browser other = signIn("province", PASSWORD);
        assertThat(portal.postForm("/admin/users", "csrf=" + enc(other.csrf()) + "&" + add, "Cookie", admin.cookie()).statusCode())
                .as("another session's token").isEqualTo(403);
        assertThat(portal.accounts().find("intruder")).isEmpty();

        assertThat(portal.postForm("/admin/users", "action=remove&confirm=yes&username=hue-venue", "Cookie", admin.cookie()).statusCode())
                .isEqualTo(403);
        assertThat(portal.postForm("/admin/users", "action=password&username=hue-venue&password=" + enc(NEW_PASSWORD) + "&confirm-password="
                + enc(NEW_PASSWORD), "Cookie", admin.cookie()).statusCode()).isEqualTo(403);
        HttpResponse<String> token = portal.postForm("/admin/users", "action=token&username=hue-venue", "Cookie", admin.cookie());
        assertThat(token.statusCode()).isEqualTo(403);
        assertThat(token.body()).doesNotContain("bz_");
        assertThat(portal.accounts().find("hue-venue")).isPresent();
        signIn("hue-venue", PASSWORD);
    }

    @Test
    void venueUsersAndTheAuthorityAreRefusedOnGetAndPost() throws Exception {
        for (String username : new String[] {"hue-venue", "province"}) {
            Browser b = signIn(username, PASSWORD);
            HttpResponse<String> page = portal.get("/admin/users", "Cookie", b.cookie());
            assertThat(page.statusCode()).as(username).isEqualTo(403);
            assertThat(page.body()).contains("Chỉ nhà vận hành", "Only operators").doesNotContain("<td>admin</td>");
            assertThat(post(b, addForm("sneaky-" + username, "operator", "", NEW_PASSWORD, NEW_PASSWORD)).statusCode()).isEqualTo(403);
            assertThat(post(b, "action=remove&confirm=yes&username=admin").statusCode()).isEqualTo(403);
            HttpResponse<String> token = post(b, "action=token&username=admin");
            assertThat(token.statusCode()).isEqualTo(403);
            assertThat(token.body()).doesNotContain("bz_");
            assertThat(portal.accounts().find("sneaky-" + username)).isEmpty();
            assertThat(portal.accounts().find("admin")).isPresent();
            assertThat(portal.get("/dashboard", "Cookie", b.cookie()).body()).doesNotContain("/admin/users");
        }
        assertThat(portal.get("/admin/users", "Authorization", "Bearer machine-token-0123456789").statusCode())
                .as("the API token is no browser session").isEqualTo(303);
    }

    @Test
    void withoutASessionThePageAsksToSignIn() throws Exception {
        HttpResponse<String> page = portal.get("/admin/users");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fadmin%2Fusers");
        HttpResponse<String> post = portal.postForm("/admin/users", addForm("nobody", "operator", "", NEW_PASSWORD, NEW_PASSWORD));
        assertThat(post.statusCode()).isEqualTo(303);
        assertThat(portal.accounts().find("nobody")).isEmpty();
    }

    @Test
    void aNewApiTokenIsShownOnceAndWorksForTheUsersVenuesOnly() throws Exception {
        Browser admin = signIn("admin", PASSWORD);
        HttpResponse<String> issued = post(admin, "action=token&username=hue-venue");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(issued.body()).contains("chỉ hiện một lần", "will not be shown again", "New API token for hue-venue");
        Matcher m = TOKEN.matcher(issued.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);

        assertThat(portal.get("/api/stats?venue=hue-station", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/stats?venue=demo", "Authorization", "Bearer " + token).statusCode()).isEqualTo(403);
        assertThat(portal.get("/admin/users", "Cookie", admin.cookie()).body()).doesNotContain(token);

        Matcher again = TOKEN.matcher(post(admin, "action=token&username=hue-venue").body());
        assertThat(again.find()).isTrue();
        assertThat(again.group(1)).isNotEqualTo(token);
        assertThat(portal.get("/api/stats?venue=hue-station", "Authorization", "Bearer " + token).statusCode()).as("replaced").isEqualTo(401);
        assertThat(portal.get("/api/stats?venue=hue-station", "Authorization", "Bearer " + again.group(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void removingAUserEndsTheirSessionAndToken() throws Exception {
        Browser admin = signIn("admin", PASSWORD);
        Browser venue = signIn("hue-venue", PASSWORD);
        Matcher m = TOKEN.matcher(post(admin, "action=token&username=hue-venue").body());
        assertThat(m.find()).isTrue();

        HttpResponse<String> unconfirmed = post(admin, "action=remove&username=hue-venue");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Hãy đánh dấu ô xác nhận", "Tick the confirmation box");
        assertThat(portal.get("/dashboard", "Cookie", venue.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> removed = post(admin, "action=remove&confirm=yes&username=hue-venue");
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(portal.get(removed.headers().firstValue("Location").orElseThrow(), "Cookie", admin.cookie()).body())
                .contains("Đã xóa hue-venue", "User hue-venue was removed").doesNotContain("<td>hue-venue</td>");
        assertThat(portal.accounts().find("hue-venue")).isEmpty();
        HttpResponse<String> ended = portal.get("/dashboard", "Cookie", venue.cookie());
        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(ended.headers().firstValue("Location")).hasValue("/login?next=%2Fdashboard");
        assertThat(portal.get("/api/stats?venue=hue-station", "Authorization", "Bearer " + m.group(1)).statusCode()).isEqualTo(401);

        HttpResponse<String> self = post(admin, "action=remove&confirm=yes&username=admin");
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("Bạn không thể tự xóa", "You cannot remove your own account");
        assertThat(portal.accounts().find("admin")).isPresent();
        assertThat(post(admin, "action=remove&confirm=yes&username=ghost").body()).contains("Không có người dùng &#39;ghost&#39;", "No user &#39;ghost&#39;");
    }

    @Test
    void aNewPasswordEndsTheUsersSessions() throws Exception {
        Browser admin = signIn("admin", PASSWORD);
        Browser venue = signIn("hue-venue", PASSWORD);
        HttpResponse<String> differ = post(admin, "action=password&username=hue-venue&password=" + enc(NEW_PASSWORD)
                + "&confirm-password=" + enc(NEW_PASSWORD + "x"));
        assertThat(differ.statusCode()).isEqualTo(400);
        assertThat(differ.body()).contains("Hai mật khẩu không khớp", "The two passwords differ");
        HttpResponse<String> tooShort = post(admin, "action=password&username=hue-venue&password=short&confirm-password=short");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("ít nhất 10 ký tự", "at least 10 characters");
        assertThat(portal.get("/dashboard", "Cookie", venue.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = post(admin, "action=password&username=hue-venue&password=" + enc(NEW_PASSWORD)
                + "&confirm-password=" + enc(NEW_PASSWORD));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(portal.get("/dashboard", "Cookie", venue.cookie()).statusCode()).isEqualTo(303);
        assertThat(portal.get("/dashboard", "Cookie", admin.cookie()).statusCode()).as("the operator stays signed in").isEqualTo(200);
        signIn("hue-venue", NEW_PASSWORD);

        HttpResponse<String> own = post(admin, "action=password&username=admin&password=" + enc(NEW_PASSWORD)
                + "&confirm-password=" + enc(NEW_PASSWORD));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("hãy đăng nhập lại", "please sign in again");
        assertThat(portal.get("/admin/users", "Cookie", admin.cookie()).statusCode()).isEqualTo(303);
        signIn("admin", NEW_PASSWORD);
    }

    @Test
    void badInputIsExplainedInBothLanguagesAndTheFormKeepsWhatWasTyped() throws Exception {
        Browser admin = signIn("admin", PASSWORD);
        HttpResponse<String> unknownVenue = post(admin, addForm("newbie", "venue", "&venue=hue-station&venue=nowhere", NEW_PASSWORD, NEW_PASSWORD));
        assertThat(unknownVenue.statusCode()).isEqualTo(400);
        assertThat(unknownVenue.body()).contains("Không có địa điểm &#39;nowhere&#39; trong cấu hình", "No venue &#39;nowhere&#39; in the configuration")
                .contains("name=\"username\" required maxlength=\"32\" autocapitalize=\"none\" autocomplete=\"off\" value=\"newbie\"")
                .contains("<option value=\"venue\" selected>", "value=\"hue-station\" checked>")
                .doesNotContain(NEW_PASSWORD, enc(NEW_PASSWORD));

        assertThat(post(admin, addForm("newbie", "venue", "", NEW_PASSWORD, NEW_PASSWORD)).body())
                .contains("Tài khoản địa điểm cần ít nhất một địa điểm", "A venue user needs at least one venue");
        assertThat(post(admin, addForm("hue-venue", "authority", "", NEW_PASSWORD, NEW_PASSWORD)).body())
                .contains("Người dùng &#39;hue-venue&#39; đã tồn tại", "User &#39;hue-venue&#39; exists already");
        assertThat(post(admin, addForm("newbie", "operator", "&venue=demo", NEW_PASSWORD, NEW_PASSWORD)).body())
                .contains("Only venue users have venues", "Chỉ tài khoản địa điểm mới gắn với địa điểm");
        assertThat(post(admin, addForm("newbie", "root", "", NEW_PASSWORD, NEW_PASSWORD)).body())
                .contains("Hãy chọn vai trò", "Choose a role");
        assertThat(post(admin, addForm("newbie", "operator", "", "too-short", "too-short")).body())
                .contains("ít nhất 10 ký tự", "at least 10 characters");
        assertThat(post(admin, addForm("newbie", "operator", "", NEW_PASSWORD, "something-else")).body())
                .contains("Hai mật khẩu không khớp", "The two passwords differ");
        HttpResponse<String> script = post(admin, addForm("<script>x</script>", "operator", "", NEW_PASSWORD, NEW_PASSWORD));
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body()).contains("&lt;script&gt;x&lt;/script&gt;", "3 đến 32 ký tự", "3 to 32").doesNotContain("<script>");
        assertThat(portal.accounts().list()).extracting(User::username).containsExactly("admin", "hue-venue", "province");
    }
}
