package vn.bluezone.portal.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import vn.bluezone.portal.config.ConfigException;

/**
 * The two TrueType fonts posters are printed in, shipped in {@code portal-pages/fonts/} and named by its
 * {@code poster.yaml} ({@code regular:}, {@code bold:}), so an operator can swap them; the portal never reads the host's
 * fonts. Each PDF embeds the glyphs it uses. Read once at start; a missing or unreadable font stops the start.
 */
public final class PosterFonts {
    private final String name;
    private final byte[] regular;
    private final byte[] bold;
    private final CmapLookup regularGlyphs;
    private final CmapLookup boldGlyphs;

    private PosterFonts(String name, byte[] regular, byte[] bold, CmapLookup regularGlyphs, CmapLookup boldGlyphs) {
        this.name = name;
        this.regular = regular;
        this.bold = bold;
        this.regularGlyphs = regularGlyphs;
        this.boldGlyphs = boldGlyphs;
    }

    public static PosterFonts load(Path pagesDir) {
        Path dir = pagesDir.resolve("fonts");
        Path list = dir.resolve("poster.yaml");
        JsonNode names;
        try {
            names = new YAMLMapper().readTree(Files.readString(list));
        } catch (IOException e) {
            throw new ConfigException("pages-dir", "the poster fonts' list " + list.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
        if (names == null || !names.path("regular").isTextual() || !names.path("bold").isTextual()) {
            throw new ConfigException(list.toString(), "must name the font files 'regular' and 'bold' (TrueType, .ttf)");
        }
        byte[] regular = read(dir, names.get("regular").asText(), list);
        byte[] bold = read(dir, names.get("bold").asText(), list);
        return new PosterFonts(names.get("regular").asText(), regular, bold, glyphs(regular, list, "regular"), glyphs(bold, list, "bold"));
    }

    private static byte[] read(Path dir, String file, Path list) {
        Path path = dir.resolve(file).normalize();
        if (!path.startsWith(dir)) {
            throw new ConfigException(list.toString(), "'" + file + "' must be a file in " + dir);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(list.toString(), "font " + path.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }

    private static CmapLookup glyphs(byte[] font, Path list, String which) {
        try {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
            CmapLookup lookup = ttf.getUnicodeCmapLookup();
            if (lookup == null) {
                throw new ConfigException(list + ": " + which, "the font has no Unicode character map");
            }
            return lookup;
        } catch (IOException e) {
            throw new ConfigException(list + ": " + which, "is not a TrueType font: " + e.getMessage());
        }
    }

    /** The regular font's file name, for messages. */
    public String name() {
        return name;
    }

    byte[] regular() {
        return regular;
    }

    byte[] bold() {
        return bold;
    }

    /** Both fonts have a glyph for every character of {@code text} (white space aside). */
    public boolean covers(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || regularGlyphs.getGlyphId(c) > 0 && boldGlyphs.getGlyphId(c) > 0);
    }
}
