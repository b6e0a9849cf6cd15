package vn.bluezone.portal.gateway.opennds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.bluezone.portal.gateway.QueryString;

/**
 * The client data openNDS passes to a FAS: {@code key=value} items separated by {@code ", "}, values
 * URL-encoded, unset ones written as {@code (null)}, and a trailing item of custom lists that is
 * usually {@code (null)(null)(null)(null)}.
 */
final class FasPayload {
    private final Map<String, String> fields;

    private FasPayload(Map<String, String> fields) {
        this.fields = fields;
    }

    static FasPayload parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String item : text.split(", ")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = item.substring(eq + 1).strip();
            if (!value.isEmpty() && !value.equals("(null)")) {
                fields.putIfAbsent(item.substring(0, eq).strip(), value);
            }
        }
        return new FasPayload(fields);
    }

    /** A field as sent (still URL-encoded where openNDS encodes it). */
    Optional<String> raw(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** A field with its URL encoding removed. */
    Optional<String> decoded(String name) {
        return raw(name).map(QueryString::percentDecode);
    }
}
