package vn.bluezone.portal.notice;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.bluezone.portal.config.ConfigException;

/**
 * Renders the visitor's pages from the operator's Mustache templates ({@code portal-pages/templates}).
 * The notice and the welcome page vary only by venue, language, platform and the visitor's token, so
 * each variant is rendered once and kept as a {@link SplicedPage}.
 */
public final class NoticePages {
    private static final List<String> TEMPLATES = List.of("notice", "welcome", "message", "signage");

    private final Campaign campaign;
    private final Map<String, Mustache> templates = new HashMap<>();
    private final String qrSvg;
    private final Map<String, SplicedPage> rendered = new ConcurrentHashMap<>();

    public NoticePages(Path pagesDir, Campaign campaign) {
        this.campaign = campaign;
        Path dir = pagesDir.resolve("templates");
        DefaultMustacheFactory factory = new DefaultMustacheFactory(dir.toFile()) {
            @Override
            public void encode(String value, Writer writer) {
                escapeHtml(value, writer);
            }
        };
        for (String name : TEMPLATES) {
            Path file = dir.resolve(name + ".mustache");
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("pages-dir", "template " + file.toAbsolutePath() + " is missing");
            }
            try {
                templates.put(name, factory.compile(name + ".mustache"));
            } catch (MustacheException e) {
                throw new ConfigException(file.toString(), "is not a valid template: " + e.getMessage());
            }
        }
        this.qrSvg = QrSvg.of(campaign.qrUrl(), campaign.appName());
        // Render every variant once now, so a broken template or text stops the start, not a visitor.
        for (String language : campaign.languages()) {
            for (Platform platform : Platform.values()) {
                notice("check", language, Optional.of(campaign.fallbackLanguage()), platform);
                welcome("check", language, platform, true);
            }
            for (MessageKind kind : MessageKind.values()) {
                message(kind, language, "/");
                bilingualMessage(kind, language);
            }
        }
        signage("check", "https://check.invalid/q/check?s=signage", 8, 60);
        rendered.clear();
    }

    public Campaign campaign() {
        return campaign;
    }

    /** The notice page for a visitor; fill it with the visitor's sealed token. */
    public SplicedPage notice(String venueName, String language, Optional<String> secondary, Platform platform) {
        String key = "notice|" + venueName + "|" + language + "|" + secondary.orElse("") + "|" + platform;
        return rendered.computeIfAbsent(key, k -> {
            Map<String, Object> model = common(language, platform, venueName);
            secondary.filter(s -> !s.equals(language)).ifPresent(s -> {
                model.put("secondary", campaign.texts(s));
                model.put("secondaryLang", s);
            });
            model.put("languages", languageLinks(language));
            model.put("showQr", platform == Platform.OTHER);
            model.put("qrSvg", qrSvg);
            return SplicedPage.of(render("notice", model));
        });
    }

    /** The page shown once the gateway has let the visitor online: the store links again. */
    public SplicedPage welcome(String venueName, String language, Platform platform, boolean hasOrigin) {
        String key = "welcome|" + venueName + "|" + language + "|" + platform + "|" + hasOrigin;
        return rendered.computeIfAbsent(key, k -> {
            Map<String, Object> model = common(language, platform, venueName);
            model.put("hasOrigin", hasOrigin);
            model.put("originHref", "/go?v=" + SplicedPage.VISIT_SLOT);
            return SplicedPage.of(render("welcome", model));
        });
    }

    /**
     * The full-screen page of a signage screen at a venue: every language of the campaign in turn, each
     * {@code rotateSeconds}, with a QR code to {@code scanUrl}; its script fetches the page again every
     * {@code refreshSeconds} and keeps what it shows when that fails.
     */
    public String signage(String venueName, String scanUrl, int rotateSeconds, int refreshSeconds) {
        Map<String, Object> model = new HashMap<>();
        List<Map<String, Object>> slides = new ArrayList<>();
        for (String language : campaign.languages()) {
            Map<String, Object> slide = new HashMap<>();
            slide.put("index", slides.size());
            slide.put("first", slides.isEmpty());
            slide.put("lang", language);
            slide.put("t", campaign.texts(language));
            slides.add(slide);
        }
        model.put("slides", slides);
        model.put("firstLang", campaign.languages().get(0));
        model.put("appName", campaign.appName());
        model.put("venueName", venueName);
        model.put("logoSvg", campaign.logoSvg());
        model.put("qrSvg", QrSvg.of(scanUrl, campaign.appName()));
        model.put("rotateSeconds", rotateSeconds);
        model.put("refreshSeconds", refreshSeconds);
        return render("signage", model);
    }

    /**
     * A short page with a title, a sentence and, for messages that offer one, a "try again" link
     * ({@code tryAgainHref} may be null when the request cannot be repeated by a link).
     */
    public byte[] message(MessageKind kind, String language, String tryAgainHref) {
        return message(kind, language, tryAgainHref, null);
    }

    /**
     * A message page that reloads {@code refreshHref} every two seconds by itself (no JavaScript needed).
     */
    public byte[] message(MessageKind kind, String language, String tryAgainHref, String refreshHref) {
        return message(kind, language, Optional.empty(), tryAgainHref, refreshHref);
    }

    /** A message page in {@code language} with, when given and different, the same message in {@code secondary} beneath. */
    public byte[] message(MessageKind kind, String language, Optional<String> secondary, String tryAgainHref, String refreshHref) {
        Map<String, String> t = campaign.texts(language);
        Map<String, Object> model = new HashMap<>();
        model.put("lang", language);
        model.put("t", t);
        model.put("title", t.get(kind.titleKey()));
        model.put("text", t.get(kind.textKey()));
        model.put("tryAgainHref", kind.offersRetry() ? tryAgainHref : null);
        model.put("refreshHref", refreshHref);
        model.put("logoSvg", campaign.logoSvg());
        secondary.filter(s -> !s.equals(language)).ifPresent(s -> {
            Map<String, String> other = campaign.texts(s);
            model.put("secondaryLang", s);
            model.put("secondaryTitle", other.get(kind.titleKey()));
            model.put("secondaryText", other.get(kind.textKey()));
        });
        return render("message", model).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A message in the visitor's language and, beneath it, in the campaign's default language (Vietnamese), or in its
     * fallback language (English) when the visitor reads the default one: for pages reached without a visit, from a
     * scanned QR code.
     */
    public byte[] bilingualMessage(MessageKind kind, String language) {
        String second = language.equals(campaign.defaultLanguage()) ? campaign.fallbackLanguage() : campaign.defaultLanguage();
        return message(kind, language, Optional.of(second), null, null);
    }

    private Map<String, Object> common(String language, Platform platform, String venueName) {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", language);
        model.put("t", campaign.texts(language));
        model.put("appName", campaign.appName());
        model.put("venueName", venueName);
        model.put("logoSvg", campaign.logoSvg());
        model.put("showIos", platform != Platform.ANDROID);
        model.put("showAndroid", platform != Platform.IOS);
        model.put("iosHref", "/store/ios?v=" + SplicedPage.VISIT_SLOT);
        model.put("androidHref", "/store/android?v=" + SplicedPage.VISIT_SLOT);
        model.put("visit", SplicedPage.VISIT_SLOT);
        return model;
    }

    private List<Map<String, Object>> languageLinks(String current) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (String code : campaign.languages()) {
            Map<String, Object> link = new HashMap<>();
            link.put("code", code);
            link.put("name", campaign.texts(code).get("language_name"));
            link.put("current", code.equals(current));
            link.put("href", "/notice?lang=" + code + "&v=" + SplicedPage.VISIT_SLOT);
            links.add(link);
        }
        return links;
    }

    /** {@code value} with the five characters that matter in HTML text and quoted attributes escaped (also for SVG). */
    public static String escapeHtml(String value) {
        StringWriter out = new StringWriter(value.length() + 16);
        escapeHtml(value, out);
        return out.toString();
    }

    /** Escapes the five characters that matter in HTML text and quoted attributes, and nothing else. */
    public static void escapeHtml(String value, Writer writer) {
        try {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> writer.write("&amp;");
                    case '<' -> writer.write("&lt;");
                    case '>' -> writer.write("&gt;");
                    case '"' -> writer.write("&quot;");
                    case '\'' -> writer.write("&#39;");
                    default -> writer.write(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter(16 * 1024);
        templates.get(template).execute(out, model);
        return out.toString();
    }
}
