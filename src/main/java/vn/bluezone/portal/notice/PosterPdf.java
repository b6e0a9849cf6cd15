package vn.bluezone.portal.notice;

import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.bluezone.portal.config.VenueSettings;

/**
 * A printable A4 poster of the campaign for one venue, as PDF: the headline in each of the venue's languages, the
 * three install steps, and a large QR code to the venue's counting URL ({@code /q/<venue>}), with the URL printed
 * beneath it for phones that cannot scan. Drawn with Apache PDFBox in the {@link PosterFonts} (embedded as subsets,
 * so Vietnamese prints the same on any printer). The step texts shrink until every language fits the page.
 */
public final class PosterPdf {
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float MARGIN = 36;
    private static final float QR_SIZE = 200;
    private static final float[] BLUE = {0x0a / 255f, 0x5b / 255f, 0xd7 / 255f};
    private static final float[] INK = {0x16 / 255f, 0x20 / 255f, 0x2c / 255f};
    private static final float[] MUTED = {0x56 / 255f, 0x62 / 255f, 0x73 / 255f};
    private static final float[] WHITE = {1, 1, 1};
    /** The texts a poster prints; a language is printable when the fonts cover all of them. */
    private static final List<String> KEYS = List.of("headline", "steps_title", "step1_title", "step1_text", "step2_title", "step2_text",
            "step3_title", "step3_text", "scan_qr", "official_warning", "requested_by_label", "authority");

    private final Campaign campaign;
    private final PosterFonts fonts;
    private final InstantSource clock;
    private final List<String> printable;

    public PosterPdf(Campaign campaign, PosterFonts fonts, InstantSource clock) {
        this.campaign = campaign;
        this.fonts = fonts;
        this.clock = clock;
        this.printable = campaign.languages().stream()
                .filter(language -> KEYS.stream().allMatch(key -> fonts.covers(text(campaign.texts(language), key))))
                .toList();
    }

    /** The campaign's languages the poster fonts can print, in the campaign's order. */
    public List<String> printableLanguages() {
        return printable;
    }

    /**
     * The languages of a venue's poster: its {@code languages} if set, else the campaign's default and fallback
     * language; those the fonts cannot print are left out (at least one stays: the first printable language).
     */
    public List<String> languagesFor(VenueSettings venue) {
        List<String> wanted = venue.languages().isEmpty() ? List.of(campaign.defaultLanguage(), campaign.fallbackLanguage()) : venue.languages();
        List<String> languages = printableOf(wanted);
        return languages.isEmpty() && !printable.isEmpty() ? List.of(printable.get(0)) : languages;
    }

    /** The printable ones of {@code wanted}, each once, in the order asked. */
    public List<String> printableOf(List<String> wanted) {
        Set<String> languages = new LinkedHashSet<>(wanted);
        languages.retainAll(printable);
        return List.copyOf(languages);
    }

    /**
     * The poster as PDF bytes.
     *
     * @param languages printable languages, the first one largest
     * @param scanUrl the absolute counting URL the QR code opens
     */
    public byte[] render(String venueName, List<String> languages, String scanUrl) {
        if (languages.isEmpty() || !printable.containsAll(languages)) {
            throw new IllegalArgumentException("not printable in " + languages + "; printable: " + printable);
        }
        try (PDDocument doc = new PDDocument()) {
            PDFont regular = PDType0Font.load(doc, new ByteArrayInputStream(fonts.regular()), true);
            PDFont bold = PDType0Font.load(doc, new ByteArrayInputStream(fonts.bold()), true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            Map<String, String> first = campaign.texts(languages.get(0));
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(text(first, "headline") + " – " + venueName);
            info.setSubject(scanUrl);
            info.setCreator("Bluezone Wi-Fi portal");
            Calendar now = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            now.setTimeInMillis(clock.millis());
            info.setCreationDate(now);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                new Drawing(cs, regular, bold, languages, venueName, scanUrl).draw();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the poster", e);
        }
    }

    /** One text, in the composed form the fonts' Vietnamese glyphs are mapped under. */
    private static String text(Map<String, String> texts, String key) {
        return Normalizer.normalize(texts.get(key), Normalizer.Form.NFC);
    }

    /** Draws one page from the top down; {@code y} is the top of what comes next. */
    private final class Drawing {
        private final PDPageContentStream cs;
        private final PDFont regular;
        private final PDFont bold;
        private final List<String> languages;
        private final String venueName;
        private final String scanUrl;
        private float y = HEIGHT;

        Drawing(PDPageContentStream cs, PDFont regular, PDFont bold, List<String> languages, String venueName, String scanUrl) {
            this.cs = cs;
            this.regular = regular;
            this.bold = bold;
            this.languages = languages;
            this.venueName = Normalizer.normalize(venueName, Normalizer.Form.NFC);
            this.scanUrl = scanUrl;
        }

        void draw() throws IOException {
            band();
            venue();
            qr();
            float footerTop = footer();
            steps(footerTop);
        }

        /** A blue band across the top: the headline, large in the first language, then the others. */
        private void band() throws IOException {
            float inner = WIDTH - 2 * MARGIN;
            List<Line> lines = new ArrayList<>();
            float size = languages.size() > 2 ? 28 : 32;
            lines.addAll(wrap(bold, size, texts(0).get("headline"), inner, WHITE));
            for (int i = 1; i < languages.size(); i++) {
                lines.addAll(wrap(regular, 15, texts(i).get("headline"), inner, WHITE));
            }
            float height = MARGIN * 0.8f + height(lines) + MARGIN * 0.6f;
            fill(BLUE, 0, HEIGHT - height, WIDTH, height);
            y = HEIGHT - MARGIN * 0.8f;
            y = print(lines, MARGIN, y);
            y = HEIGHT - height;
        }

        private void venue() throws IOException {
            float inner = WIDTH - 2 * MARGIN;
            y -= 16;
            List<Line> lines = new ArrayList<>(wrap(bold, 15, venueName, inner, INK));
            Map<String, String> t = texts(0);
            lines.addAll(wrap(regular, 10, t.get("requested_by_label") + " " + t.get("authority"), inner, MUTED));
            y = print(lines, MARGIN, y);
        }

        /** The QR code on the right; on its left the call to scan it in every language, and the URL. */
        private void qr() throws IOException {
            y -= 12;
            float top = y;
            QrCode code = QrCode.encodeText(scanUrl, QrCode.Ecc.QUARTILE);
            int border = 2;
            float module = QR_SIZE / (code.size + 2 * border);
            float left = WIDTH - MARGIN - QR_SIZE;
            float bottom = top - QR_SIZE;
            fill(WHITE, left, bottom, QR_SIZE, QR_SIZE);
            setFill(INK);
            IOException[] failed = {null};
            QrSvg.darkRuns(code, (x, row, length) -> {
                try {
                    cs.addRect(left + (x + border) * module, top - (row + border + 1) * module, length * module, module);
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            cs.fill();
            float textWidth = left - MARGIN - 18;
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < languages.size(); i++) {
                lines.addAll(wrap(bold, i == 0 ? 20 : 13, texts(i).get("scan_qr"), textWidth, i == 0 ? BLUE : INK));
                lines.add(new Line("", regular, 6, INK));
            }
            lines.addAll(wrap(regular, 11, scanUrl, textWidth, MUTED));
            float textTop = top - Math.max(0, (QR_SIZE - height(lines)) / 2);
            print(lines, MARGIN, textTop);
            y = Math.min(bottom, textTop - height(lines)) - 10;
        }

        /** The warning about look-alike apps in the first language, and the URL, at the foot of the page; returns its top. */
        private float footer() throws IOException {
            float inner = WIDTH - 2 * MARGIN;
            List<Line> lines = new ArrayList<>(wrap(regular, 8.5f, texts(0).get("official_warning"), inner, MUTED));
            float top = MARGIN + height(lines);
            print(lines, MARGIN, top);
            return top + 8;
        }

        /** The steps of every language, two columns when there are several, as large as the space between allows. */
        private void steps(float floor) throws IOException {
            int columns = languages.size() == 1 ? 1 : 2;
            float gap = 18;
            float columnWidth = (WIDTH - 2 * MARGIN - (columns - 1) * gap) / columns;
            float available = y - floor;
            float size = 16;
            List<List<Line>> blocks = blocks(size, columnWidth);
            while (size > 5 && gridHeight(blocks, columns, size) > available) {
                size -= 0.5f;
                blocks = blocks(size, columnWidth);
            }
            float top = y;
            for (int i = 0; i < blocks.size(); i += columns) {
                float rowHeight = 0;
                for (int c = 0; c < columns && i + c < blocks.size(); c++) {
                    print(blocks.get(i + c), MARGIN + c * (columnWidth + gap), top);
                    rowHeight = Math.max(rowHeight, height(blocks.get(i + c)));
                }
                top -= rowHeight + size;
            }
        }

        private List<List<Line>> blocks(float size, float width) {
            List<List<Line>> blocks = new ArrayList<>();
            for (int i = 0; i < languages.size(); i++) {
                Map<String, String> t = texts(i);
                List<Line> block = new ArrayList<>(wrap(bold, size * 1.15f, t.get("steps_title"), width, BLUE));
                for (int step = 1; step <= 3; step++) {
                    block.add(new Line("", regular, size * 0.35f, INK));
                    block.addAll(wrap(bold, size, step + ". " + t.get("step" + step + "_title"), width, INK));
                    block.addAll(wrap(regular, size, t.get("step" + step + "_text"), width, INK));
                }
                blocks.add(block);
            }
            return blocks;
        }

        private float gridHeight(List<List<Line>> blocks, int columns, float size) {
            float total = 0;
            for (int i = 0; i < blocks.size(); i += columns) {
                float row = 0;
                for (int c = 0; c < columns && i + c < blocks.size(); c++) {
                    row = Math.max(row, height(blocks.get(i + c)));
                }
                total += (i == 0 ? 0 : size) + row;
            }
            return total;
        }

        private Map<String, String> texts(int language) {
            Map<String, String> raw = campaign.texts(languages.get(language));
            Map<String, String> composed = new HashMap<>();
            for (String key : KEYS) {
                composed.put(key, text(raw, key));
            }
            return composed;
        }

        /** Prints lines from {@code top} down; returns where the last one ends. */
        private float print(List<Line> lines, float x, float top) throws IOException {
            float at = top;
            for (Line line : lines) {
                at -= line.leading();
                if (!line.text().isEmpty()) {
                    setFill(line.color());
                    cs.beginText();
                    cs.setFont(line.font(), line.size());
                    cs.newLineAtOffset(x, at + line.size() * 0.25f);
                    cs.showText(line.text());
                    cs.endText();
                }
            }
            return at;
        }

        private void fill(float[] color, float x, float yBottom, float w, float h) throws IOException {
            setFill(color);
            cs.addRect(x, yBottom, w, h);
            cs.fill();
        }

        private void setFill(float[] color) throws IOException {
            cs.setNonStrokingColor(color[0], color[1], color[2]);
        }
    }

    /** One printed line. */
    private record Line(String text, PDFont font, float size, float[] color) {
        float leading() {
            return size * 1.3f;
        }
    }

    private static float height(List<Line> lines) {
        float h = 0;
        for (Line line : lines) {
            h += line.leading();
        }
        return h;
    }

    /** Breaks a text into lines no wider than {@code width}: at spaces, or inside a word too long for a line (Thai, Lao). */
    private static List<Line> wrap(PDFont font, float size, String text, float width, float[] color) {
        List<Line> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(new Line(line.toString(), font, size, color));
                line.setLength(0);
            }
            String rest = word;
            while (width(font, size, rest) > width) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(new Line(rest.substring(0, cut), font, size, color));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(new Line(line.toString(), font, size, color));
        }
        return lines;
    }

    private static float width(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
