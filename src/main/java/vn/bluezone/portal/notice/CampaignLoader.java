package vn.bluezone.portal.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.bluezone.portal.config.ConfigException;

/**
 * Reads a campaign folder: {@code campaign.yaml}, {@code texts/<language>.yaml} and the logo.
 * Every language must define exactly the keys of the default language, so no page ever shows a gap.
 */
public final class CampaignLoader {
    private final YAMLMapper yaml = new YAMLMapper();

    public Campaign load(Path pagesDir, String id) {
        Path folder = pagesDir.resolve("campaigns").resolve(id);
        Path file = folder.resolve("campaign.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("campaign", "no campaign file " + file.toAbsolutePath());
        }
        JsonNode root = read(file);
        String defaultLanguage = required(root, "default-language", file);
        String fallbackLanguage = text(root, "fallback-language", "en");
        Map<String, Map<String, String>> texts = readTexts(folder.resolve("texts"));
        checkSameKeys(texts, defaultLanguage, folder.resolve("texts"));
        for (String language : List.of(defaultLanguage, fallbackLanguage)) {
            if (!texts.containsKey(language)) {
                throw new ConfigException(file + ": default-language/fallback-language", "no texts/" + language + ".yaml");
            }
        }
        List<String> languages = orderedLanguages(root, texts.keySet(), file);
        String logo = "";
        String logoFile = text(root, "logo", "");
        if (!logoFile.isEmpty()) {
            logo = readLogo(folder.resolve(logoFile).normalize(), folder);
        }
        JsonNode stores = root.path("stores");
        return new Campaign(id,
                required(root, "app-name", file),
                httpsUrl(stores, "ios", file),
                httpsUrl(stores, "android", file),
                httpsUrl(root, "qr-url", file),
                languages,
                defaultLanguage,
                fallbackLanguage,
                texts,
                logo);
    }

    private JsonNode read(Path file) {
        try {
            JsonNode node = yaml.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new ConfigException(file.toString(), "must be a YAML map of keys");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    private Map<String, Map<String, String>> readTexts(Path textsDir) {
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(textsDir, "*.yaml")) {
            for (Path file : files) {
                String language = file.getFileName().toString().replace(".yaml", "");
                if (!language.matches("[a-z]{2,3}")) {
                    throw new ConfigException(file.toString(), "file name must be a language code such as vi.yaml");
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = read(file).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                        throw new ConfigException(file + ": " + e.getKey(), "must be a non-empty text");
                    }
                    values.put(e.getKey(), e.getValue().asText().strip());
                }
                texts.put(language, values);
            }
        } catch (IOException e) {
            throw new ConfigException(textsDir.toString(), "cannot be read: " + e.getMessage());
        }
        if (texts.isEmpty()) {
            throw new ConfigException(textsDir.toString(), "holds no <language>.yaml files");
        }
        return texts;
    }

    private static void checkSameKeys(Map<String, Map<String, String>> texts, String reference, Path dir) {
        Map<String, String> ref = texts.get(reference);
        if (ref == null) {
            throw new ConfigException(dir.resolve(reference + ".yaml").toString(), "is missing (it is the default language)");
        }
        for (Map.Entry<String, Map<String, String>> e : texts.entrySet()) {
            Set<String> missing = new LinkedHashSet<>(ref.keySet());
            missing.removeAll(e.getValue().keySet());
            Set<String> extra = new LinkedHashSet<>(e.getValue().keySet());
            extra.removeAll(ref.keySet());
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw new ConfigException(dir.resolve(e.getKey() + ".yaml").toString(),
                        (missing.isEmpty() ? "" : "missing keys " + missing + " ") + (extra.isEmpty() ? "" : "unknown keys " + extra)
                                + " (compared with " + reference + ".yaml)");
            }
        }
    }

    private static List<String> orderedLanguages(JsonNode root, Set<String> available, Path file) {
        List<String> order = new ArrayList<>();
        for (JsonNode n : root.path("language-order")) {
            if (!available.contains(n.asText())) {
                throw new ConfigException(file + ": language-order", "lists '" + n.asText() + "' but there is no texts/" + n.asText() + ".yaml");
            }
            order.add(n.asText());
        }
        available.stream().filter(l -> !order.contains(l)).sorted().forEach(order::add);
        return order;
    }

    private static String readLogo(Path logo, Path folder) {
        if (!logo.startsWith(folder)) {
            throw new ConfigException(folder + ": logo", "must be inside the campaign folder");
        }
        try {
            String svg = Files.readString(logo, StandardCharsets.UTF_8).strip();
            int start = svg.indexOf("<svg");
            if (start < 0) {
                throw new ConfigException(logo.toString(), "is not an SVG file");
            }
            return svg.substring(start);
        } catch (IOException e) {
            throw new ConfigException(logo.toString(), "cannot be read: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText().strip();
    }

    private static String required(JsonNode node, String key, Path file) {
        String value = text(node, key, null);
        if (value == null) {
            throw new ConfigException(file + ": " + key, "is required");
        }
        return value;
    }

    private static String httpsUrl(JsonNode node, String key, Path file) {
        String value = required(node, key, file);
        if (!value.matches("https?://\\S+")) {
            throw new ConfigException(file + ": " + key, "must be an http(s) URL, got '" + value + "'");
        }
        return value;
    }
}
