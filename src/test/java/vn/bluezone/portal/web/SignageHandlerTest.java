package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.notice.QrSvg;
import vn.bluezone.portal.testing.PortalUnderTest;

/** The signage screen's page over real HTTP: what it holds, the policy that lets exactly its script run, its bounds. */
class SignageHandlerTest {
    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void theScreenShowsEveryLanguageOfTheCampaignInTurnWithTheCountedSignageQrCode() throws Exception {
        HttpResponse<String> page = portal.get("/signage/hue-station");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("<html lang=\"vi\"", "Bến xe Phía Nam Huế", "Hãy cài đặt ứng dụng Bluezone", "Install the Bluezone app",
                "Installez l’application Bluezone", "data-rotate-seconds=\"8\"", "data-refresh-seconds=\"60\"");
        for (String language : new String[] {"vi", "en", "zh", "ko", "th", "lo", "fr"}) {
            assertThat(page.body()).contains("data-slide=\"" + java.util.List.of("vi", "en", "zh", "ko", "th", "lo", "fr").indexOf(language)
                    + "\" lang=\"" + language + "\"");
        }
        assertThat(page.body()).as("the QR code opens the counted signage address")
                .contains(QrSvg.of(portal.uri("/q/hue-station?s=signage").toString(), "Bluezone"));
    }

    @Test
    void itsPolicyAllowsExactlyItsOwnScriptAndFetchesToThePortal() throws Exception {
        HttpResponse<String> page = portal.get("/signage/demo");
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(script.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.group(1).getBytes(StandardCharsets.UTF_8)));

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src data:; script-src 'sha256-" + hash + "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(portal.get("/").headers().firstValue("Content-Security-Policy")).as("other pages run no script")
                .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("script-src").doesNotContain("connect-src"));
    }

    @Test
    void rotationAndRefreshAreBoundedAndAnUnknownVenueGetsAPlainPage() throws Exception {
        assertThat(portal.get("/signage/demo?rotate=1&refresh=99999").body()).contains("data-rotate-seconds=\"2\"", "data-refresh-seconds=\"3600\"");
        assertThat(portal.get("/signage/demo?rotate=15&refresh=abc").body()).contains("data-rotate-seconds=\"15\"", "data-refresh-seconds=\"60\"");

        HttpResponse<String> unknown = portal.get("/signage/nowhere", "Accept-Language", "en");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("The page you asked for does not exist.", "Trang bạn yêu cầu không tồn tại.").doesNotContain("<script");
    }
}
