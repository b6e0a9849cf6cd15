package vn.bluezone.portal.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The campaign that ships in portal-pages/, rendered as visitors get it. */
class NoticePagesTest {
    private static final Path PAGES = Path.of("portal-pages");
    private static final Campaign CAMPAIGN = new CampaignLoader().load(PAGES, "bluezone");
    private static final NoticePages PAGES_RENDERER = new NoticePages(PAGES, CAMPAIGN);
    private static final String TOKEN = "T0KEN_" + "x".repeat(400);

    private static String notice(String language, Optional<String> secondary, Platform platform) {
        return PAGES_RENDERER.notice("Bến xe <Huế>", language, secondary, platform).text(TOKEN);
    }

    @Test
    void theCampaignHasVietnameseEnglishAndFiveLanguagesForTourists() {
        assertThat(CAMPAIGN.languages()).containsExactlyInAnyOrder("vi", "en", "zh", "ko", "th", "lo", "fr");
        assertThat(CAMPAIGN.androidStoreUrl()).isEqualTo("https://play.google.com/store/apps/details?id=com.mic.bluezone");
        assertThat(CAMPAIGN.iosStoreUrl()).endsWith("/id1508062685");
    }

    @Test
    void everyVariantIsOneSmallSelfContainedPage() {
        for (String language : CAMPAIGN.languages()) {
            for (Platform platform : Platform.values()) {
                String html = notice(language, Optional.of("en"), platform);
                assertThat(html.getBytes(StandardCharsets.UTF_8).length).as("%s/%s", language, platform).isLessThan(30 * 1024);
                assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("src=")
                        .doesNotContain("@import").doesNotContain("url(");
                assertThat(html).contains("<html lang=\"" + language + "\"");
                assertThat(html).contains("<form class=\"go\" method=\"post\" action=\"/continue\">")
                        .contains("name=\"v\" value=\"" + TOKEN + "\"")
                        .contains(CAMPAIGN.texts(language).get("continue"));
            }
        }
    }

    @Test
    void thePhoneGetsItsOwnStoreAndOtherDevicesBothAndAQrCode() {
        String ios = notice("en", Optional.empty(), Platform.IOS);
        assertThat(ios).contains("/store/ios?v=" + TOKEN).doesNotContain("/store/android").doesNotContain("class=\"qr\"");
        String android = notice("en", Optional.empty(), Platform.ANDROID);
        assertThat(android).contains("/store/android?v=" + TOKEN).doesNotContain("/store/ios").doesNotContain("class=\"qr\"");
        String other = notice("en", Optional.empty(), Platform.OTHER);
        assertThat(other).contains("/store/ios?v=").contains("/store/android?v=").contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0");
    }

    @Test
    void thePageCarriesStepsAuthorityWarningAndLanguageLinks() {
        String vi = notice("vi", Optional.empty(), Platform.ANDROID);
        assertThat(vi).contains("Sở Thông tin và Truyền thông").contains("Bluzone").contains(CAMPAIGN.texts("vi").get("step3_title"));
        for (String language : CAMPAIGN.languages()) {
            if (!language.equals("vi")) {
                assertThat(vi).contains("href=\"/notice?lang=" + language + "&amp;v=" + TOKEN + "\"");
            }
        }
    }

    @Test
    void theFallbackShowsEnglishBesideVietnamese() {
        String both = notice("vi", Optional.of("en"), Platform.OTHER);
        assertThat(both).contains(CAMPAIGN.texts("vi").get("headline")).contains(CAMPAIGN.texts("en").get("headline"))
                .contains("lang=\"en\"");
        assertThat(notice("vi", Optional.empty(), Platform.OTHER)).doesNotContain(CAMPAIGN.texts("en").get("headline"));
    }

    @Test
    void venueNamesAreEscaped() {
        assertThat(notice("vi", Optional.empty(), Platform.IOS)).contains("Bến xe &lt;Huế&gt;").doesNotContain("<Huế>");
    }

    @Test
    void theWelcomePageRepeatsTheStoreLinks() {
        String welcome = PAGES_RENDERER.welcome("v", "ko", Platform.ANDROID, true).text(TOKEN);
        assertThat(welcome).contains(CAMPAIGN.texts("ko").get("granted_title")).contains("/store/android?v=" + TOKEN)
                .contains("/go?v=" + TOKEN);
        String noOrigin = PAGES_RENDERER.welcome("v", "ko", Platform.ANDROID, false).text(TOKEN);
        assertThat(noOrigin).doesNotContain("/go?v=");
    }

    @Test
    void messagesAreTranslatedAndOfferARetryOnlyWhereItHelps() {
        String busy = new String(PAGES_RENDERER.message(MessageKind.BUSY, "fr", "/opennds/x?fas=1&iv=2"), StandardCharsets.UTF_8);
        assertThat(busy).contains(CAMPAIGN.texts("fr").get("error_busy")).contains("href=\"/opennds/x?fas=1&amp;iv=2\"");
        String bad = new String(PAGES_RENDERER.message(MessageKind.BAD_LINK, "vi", "/"), StandardCharsets.UTF_8);
        assertThat(bad).contains(CAMPAIGN.texts("vi").get("error_bad_link")).doesNotContain(CAMPAIGN.texts("vi").get("try_again"));
    }
}
