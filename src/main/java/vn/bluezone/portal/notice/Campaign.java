package vn.bluezone.portal.notice;

import java.util.List;
import java.util.Map;

/**
 * A notice campaign as an operator configured it in {@code portal-pages/campaigns/<id>/}: what app to
 * install, where to get it, and the texts in every language.
 *
 * @param id folder name, recorded with every impression
 * @param appName the app's name
 * @param iosStoreUrl App Store page
 * @param androidStoreUrl Google Play page
 * @param qrUrl what the QR code opens (a page that works on any phone)
 * @param languages language codes in the order the switcher lists them
 * @param defaultLanguage shown when the browser asks for nothing we have
 * @param fallbackLanguage shown beneath the default one in that case
 * @param texts texts per language code, every language with the same keys
 * @param logoSvg inline SVG markup of the logo (operator-supplied, trusted), or empty
 */
public record Campaign(
        String id,
        String appName,
        String iosStoreUrl,
        String androidStoreUrl,
        String qrUrl,
        List<String> languages,
        String defaultLanguage,
        String fallbackLanguage,
        Map<String, Map<String, String>> texts,
        String logoSvg) {

    public Campaign {
        languages = List.copyOf(languages);
        texts = Map.copyOf(texts);
    }

    public Map<String, String> texts(String language) {
        return texts.get(language);
    }

    public String storeUrl(Platform platform) {
        return platform == Platform.IOS ? iosStoreUrl : androidStoreUrl;
    }

    /** Where a scanned QR code sends a phone: its own store, or for anything else the page that links both ({@link #qrUrl}). */
    public String scanTarget(Platform platform) {
        return switch (platform) {
            case IOS -> iosStoreUrl;
            case ANDROID -> androidStoreUrl;
            case OTHER -> qrUrl;
        };
    }
}
