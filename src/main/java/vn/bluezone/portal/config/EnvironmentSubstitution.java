package vn.bluezone.portal.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration text with environment values.
 * An unset variable without a default is an error that names the variable and the line it is on.
 */
public final class EnvironmentSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    public EnvironmentSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    public String apply(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(substituteLine(lines[i], i + 1));
        }
        return out.toString();
    }

    private String substituteLine(String line, int lineNumber) {
        if (line.stripLeading().startsWith("#")) {
            return line;
        }
        Matcher m = REFERENCE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException("line " + lineNumber,
                        "environment variable " + m.group(1) + " is not set (write ${" + m.group(1) + ":-default} to give a default)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
