package vn.bluezone.portal.notice;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the notice language: an explicit choice from the page's language links wins, then the
 * browser's {@code Accept-Language} in order of preference; when nothing matches, the default
 * language is shown with the fallback language beside it (Vietnamese + English).
 */
public final class LanguageChooser {
    /** Longest {@code Accept-Language} header considered; longer ones are cut (browsers send well under 200). */
    private static final int MAX_HEADER = 512;
    private static final Pattern TAG = Pattern.compile("[a-z]{1,8}(-[a-z0-9]{1,8})*");
    /** Browsers send a handful of distinct headers; each is parsed once. */
    private final Cache<String, Choice> byHeader = Caffeine.newBuilder().maximumSize(2_000).build();

    private final Set<String> available;
    private final String defaultLanguage;
    private final String fallbackLanguage;

    public LanguageChooser(Set<String> available, String defaultLanguage, String fallbackLanguage) {
        if (!available.contains(defaultLanguage) || !available.contains(fallbackLanguage)) {
            throw new IllegalArgumentException("default and fallback languages must have texts");
        }
        this.available = Set.copyOf(available);
        this.defaultLanguage = defaultLanguage;
        this.fallbackLanguage = fallbackLanguage;
    }

    /** The language shown first, and optionally a second one shown beneath it. */
    public record Choice(String primary, Optional<String> secondary) {
    }

    public Choice choose(String explicit, String acceptLanguage) {
        if (explicit != null && available.contains(explicit)) {
            return new Choice(explicit, Optional.empty());
        }
        if (acceptLanguage == null || acceptLanguage.length() > MAX_HEADER) {
            return fromHeader(acceptLanguage);
        }
        return byHeader.get(acceptLanguage, this::fromHeader);
    }

    private Choice fromHeader(String acceptLanguage) {
        for (String tag : preferred(acceptLanguage)) {
            String primary = tag.split("-", 2)[0];
            if (available.contains(primary)) {
                return new Choice(primary, Optional.empty());
            }
        }
        return new Choice(defaultLanguage, defaultLanguage.equals(fallbackLanguage) ? Optional.empty() : Optional.of(fallbackLanguage));
    }

    /** Whether a code names a language with texts. */
    public boolean isAvailable(String code) {
        return code != null && available.contains(code);
    }

    private record Weighted(String tag, double q, int position) {
    }

    /** Language tags in order of preference, without those the browser refuses (q=0). */
    static List<String> preferred(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        String text = header.length() > MAX_HEADER ? header.substring(0, MAX_HEADER) : header;
        List<Weighted> tags = new ArrayList<>();
        String[] items = text.split(",");
        for (int i = 0; i < items.length && i < 32; i++) {
            String[] parts = items[i].trim().split(";", -1); // never empty, even for ";"
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                continue;
            }
            double q = 1.0;
            for (int p = 1; p < parts.length; p++) {
                String param = parts[p].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                tags.add(new Weighted(tag, q, i));
            }
        }
        tags.sort(Comparator.comparingDouble(Weighted::q).reversed().thenComparingInt(Weighted::position));
        return tags.stream().map(Weighted::tag).toList();
    }
}
