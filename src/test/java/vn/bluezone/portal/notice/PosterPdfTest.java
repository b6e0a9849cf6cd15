package vn.bluezone.portal.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.testing.TestClock;

/** The printable poster, read back the way a person and a phone would: its text, its fonts, its QR code, its picture. */
class PosterPdfTest {
    private static final Path PAGES = Path.of("portal-pages");
    private static final String URL = "https://portal.example.vn/q/hue-station";
    private static final Campaign CAMPAIGN = new CampaignLoader().load(PAGES, "bluezone");
    private final PosterPdf posters = new PosterPdf(CAMPAIGN, PosterFonts.load(PAGES), new TestClock(Instant.parse("2026-11-29T03:00:00Z")));

    private static VenueSettings venue(List<String> languages) {
        return new VenueSettings("hue-station", "Bến xe Phía Nam Huế", ZoneId.of("Asia/Ho_Chi_Minh"), Duration.ofHours(24),
                VenueSettings.SessionLimits.DEFAULT, "", "", "", languages);
    }

    @Test
    void theVietnameseAndEnglishPosterPrintsItsHeadlineStepsAndAddressWithDiacritics() throws Exception {
        byte[] pdf = posters.render("Bến xe Phía Nam Huế", List.of("vi", "en"), URL);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            PDPage page = doc.getPage(0);
            assertThat(page.getMediaBox().getWidth()).as("A4 width in points").isCloseTo(595.3f, offset(0.5f));
            assertThat(page.getMediaBox().getHeight()).as("A4 height in points").isCloseTo(841.9f, offset(0.5f));
            String text = new PDFTextStripper().getText(doc);
            assertThat(text.replace('\n', ' ')).contains("Hãy cài đặt ứng dụng Bluezone", "Install the Bluezone app", "Bến xe Phía Nam Huế",
                    "Ba bước đơn giản", "1. Cài đặt Bluezone", "2. Mở ứng dụng và bật Bluetooth", "3. Luôn bật Bluezone",
                    "Three simple steps", "3. Keep it on", "Quét mã QR bằng camera điện thoại để cài đặt", URL,
                    "Tải miễn phí từ kho ứng dụng chính thức",
                    "Sở Thông tin và Truyền thông tỉnh Thừa Thiên Huế");
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            }
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Hãy cài đặt ứng dụng Bluezone – Bến xe Phía Nam Huế");
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            Files.createDirectories(Path.of("target"));
            ImageIO.write(image, "png", Path.of("target", "poster-hue-station-vi-en.png").toFile());
            assertThat(decodeQr(image)).as("the QR code a phone reads").isEqualTo(URL);
        }
    }

    @Test
    void fourLanguagesStillFitOnThePageWithEveryStep() throws Exception {
        List<String> four = List.of("vi", "en", "fr", "lo");
        assertThat(posters.printableOf(four)).isEqualTo(four);
        byte[] pdf = posters.render("Chợ Đông Ba", four, URL);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<TextPosition> glyphs = glyphs(doc);
            float width = doc.getPage(0).getMediaBox().getWidth();
            float height = doc.getPage(0).getMediaBox().getHeight();
            assertThat(glyphs).allSatisfy(g -> {
                assertThat(g.getXDirAdj()).isBetween(0f, width);
                assertThat(g.getYDirAdj()).isBetween(0f, height);
            });
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("3. Luôn bật Bluezone", "3. Keep it on", CAMPAIGN.texts("fr").get("step3_title"),
                    "Mỗi khi ra ngoài, hãy giữ Bluetooth", URL);
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110), "png", Path.of("target", "poster-four-languages.png").toFile());
        }
    }

    @Test
    void languagesTheFontCannotPrintAreLeftOut() {
        assertThat(posters.printableLanguages()).contains("vi", "en", "fr", "lo").doesNotContain("zh", "ko", "th");
        assertThat(posters.languagesFor(venue(List.of()))).as("the campaign's default and fallback").containsExactly("vi", "en");
        assertThat(posters.languagesFor(venue(List.of("zh", "en", "vi", "en")))).containsExactly("en", "vi");
        assertThat(posters.languagesFor(venue(List.of("ko")))).as("never an empty poster").containsExactly("vi");
        assertThatThrownBy(() -> posters.render("x", List.of("zh"), URL)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<TextPosition> glyphs(PDDocument doc) throws IOException {
        List<TextPosition> all = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                all.addAll(positions);
            }
        };
        stripper.getText(doc);
        assertThat(all).isNotEmpty();
        return all;
    }

    static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
