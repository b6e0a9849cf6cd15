package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.Main;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.config.ConfigException;
import vn.bluezone.portal.config.ConfigLoader;
import vn.bluezone.portal.config.PortalConfig;
import vn.bluezone.portal.testing.PortalUnderTest;

/** Posters for staff over real HTTP: who may print for which venue, in which languages, and what the PDF holds. */
class PosterHandlerTest {
    private static final String PASSWORD = "poster-test-pass-2026";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "api:\n  token: poster-api-token-0123456789\n");
        portal.addUser("operator1", Role.OPERATOR, Set.of(), PASSWORD);
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
        portal.addUser("province", Role.AUTHORITY, Set.of(), PASSWORD);
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private HttpResponse<byte[]> bytes(String path, String cookie) throws Exception {
        return portal.http.send(HttpRequest.newBuilder(portal.uri(path)).header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anOperatorPrintsAnyVenuesPosterWithTheVenuesCountedQrAddress() throws Exception {
        String session = portal.signIn("operator1", PASSWORD);

        HttpResponse<String> list = portal.get("/admin/posters", "Cookie", session);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/admin/posters/hue-station.pdf\"", "href=\"/admin/posters/demo.pdf\"",
                "href=\"/signage/hue-station\"", "http://127.0.0.1:", "/q/hue-station", "http.public-url</code> is not set");
        HttpResponse<byte[]> pdf = bytes("/admin/posters/hue-station.pdf", session);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"bluezone-poster-hue-station.pdf\"");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replace('\n', ' ');
            assertThat(text).contains("Bến xe Phía Nam Huế", "Hãy cài đặt ứng dụng Bluezone", "Install the Bluezone app",
                    "1. Cài đặt Bluezone", portal.uri("/q/hue-station").toString());
        }
        assertThat(portal.get("/dashboard", "Cookie", session).body()).contains("href=\"/admin/posters\"");
        assertThat(portal.get("/admin/venues", "Cookie", session).body()).contains("href=\"/admin/posters\"");
    }

    @Test
    void otherLanguagesCanBeAskedForAndUnprintableOnesAreRefused() throws Exception {
        String session = portal.signIn("operator1", PASSWORD);

        HttpResponse<byte[]> french = bytes("/admin/posters/demo.pdf?lang=fr&lang=vi", session);
        assertThat(french.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(french.body())) {
            String text = new PDFTextStripper().getText(doc).replace('\n', ' ');
            assertThat(text).contains("Installez l’application Bluezone", "Hãy cài đặt ứng dụng Bluezone").doesNotContain("Install the Bluezone app");
        }
        HttpResponse<String> chinese = portal.get("/admin/posters/demo.pdf?lang=zh", "Cookie", session);
        assertThat(chinese.statusCode()).isEqualTo(400);
        assertThat(chinese.body()).contains("Languages must be among: vi, en, lo, fr");
        assertThat(portal.get("/admin/posters/demo.pdf?lang=vi&lang=xx", "Cookie", session).statusCode()).isEqualTo(400);
        assertThat(portal.get("/admin/posters/nowhere.pdf", "Cookie", session).statusCode()).isEqualTo(404);
        assertThat(portal.get("/admin/posters/demo", "Cookie", session).statusCode()).isEqualTo(404);
    }

    @Test
    void aVenueUserPrintsOnlyTheirOwnVenuesPosterAndTheAuthorityNone() throws Exception {
        String venue = portal.signIn("hue-venue", PASSWORD);
        HttpResponse<String> list = portal.get("/admin/posters", "Cookie", venue);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("/admin/posters/hue-station.pdf").doesNotContain("/admin/posters/demo.pdf");
        assertThat(bytes("/admin/posters/hue-station.pdf", venue).statusCode()).isEqualTo(200);
        assertThat(portal.get("/admin/posters/demo.pdf", "Cookie", venue).statusCode()).as("another venue").isEqualTo(404);
        assertThat(portal.get("/dashboard", "Cookie", venue).body()).contains("href=\"/admin/posters\"");

        String province = portal.signIn("province", PASSWORD);
        assertThat(portal.get("/admin/posters", "Cookie", province).statusCode()).isEqualTo(403);
        assertThat(portal.get("/admin/posters/hue-station.pdf", "Cookie", province).statusCode()).isEqualTo(403);
        assertThat(portal.get("/dashboard", "Cookie", province).body()).doesNotContain("href=\"/admin/posters\"");

        HttpResponse<String> nobody = portal.get("/admin/posters/hue-station.pdf");
        assertThat(nobody.statusCode()).isEqualTo(303);
        assertThat(nobody.headers().firstValue("Location")).hasValue("/login?next=%2Fadmin%2Fposters");
        assertThat(portal.get("/admin/posters/hue-station.pdf", "Authorization", "Bearer poster-api-token-0123456789").statusCode())
                .as("posters are for signed-in staff").isEqualTo(303);
    }

    @Test
    void aVenueAskingForPostersInALanguageTheCampaignLacksStopsTheStartNamingTheKey() {
        String yaml = """
                http: {host: 127.0.0.1, port: 0}
                data-dir: %s
                pages-dir: %s
                venues:
                  - {code: hue, languages: [vi, ja]}
                gateways:
                  - {id: demo, kind: demo, venue: hue}
                """.formatted(dataDir.resolve("other"), Path.of("portal-pages").toAbsolutePath());
        PortalConfig config = new ConfigLoader(name -> null, dataDir).parse(yaml);
        Main main = new Main();
        try {
            assertThatThrownBy(() -> main.start(config, InstantSource.system(), new PrintStream(OutputStream.nullOutputStream())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("venues[0].languages")
                    .hasMessageContaining("'ja'");
        } finally {
            main.close();
        }
    }
}
