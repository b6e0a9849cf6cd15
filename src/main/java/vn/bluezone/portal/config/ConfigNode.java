package vn.bluezone.portal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the parsed YAML tree that knows its own key path, so every error names the key
 * ({@code gateways[1].faskey: ...}). Unknown keys are refused: a typo must not be silently ignored.
 */
final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String path;
    private final JsonNode node;

    ConfigNode(String path, JsonNode node) {
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    static ConfigNode root(JsonNode node) {
        return new ConfigNode("", node);
    }

    String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    ConfigNode get(String key) {
        if (!isMissing() && !node.isObject()) {
            throw new ConfigException(path(), "must be a map of keys");
        }
        return new ConfigNode(path.isEmpty() ? key : path + "." + key, node.get(key));
    }

    void allowOnly(Set<String> keys) {
        if (isMissing()) {
            return;
        }
        if (!node.isObject()) {
            throw new ConfigException(path(), "must be a map of keys");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new ConfigException(path.isEmpty() ? key : path + "." + key,
                        "unknown key (allowed here: " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    List<ConfigNode> list() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(path(), "must be a list");
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    String text(String fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw new ConfigException(path(), "must be a single value");
        }
        String value = node.asText().strip();
        return value.isEmpty() ? fallback : value;
    }

    String requiredText() {
        String value = text(null);
        if (value == null) {
            throw new ConfigException(path(), "is required");
        }
        return value;
    }

    int integer(int fallback, int min, int max) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() && !node.asText().matches("-?\\d+")) {
            throw new ConfigException(path(), "must be a whole number, got '" + node.asText() + "'");
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw new ConfigException(path(), "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    Duration duration(Duration fallback) {
        String value = text(null);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new ConfigException(path(), "must be a duration such as 90s, 30m, 24h or 7d, got '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    boolean bool(boolean fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new ConfigException(path, "must be true or false, got '" + node.asText() + "'");
        }
        return node.booleanValue();
    }

    Path path(Path base, Path fallback) {
        String value = text(null);
        if (value == null) {
            return fallback;
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? p : base.resolve(p).normalize();
    }

    Path requiredPath(Path base) {
        requiredText();
        return path(base, null);
    }

    <T> T parsed(Function<String, T> parser, String expected) {
        String value = requiredText();
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new ConfigException(path(), "must be " + expected + ", got '" + value + "'");
        }
    }
}
