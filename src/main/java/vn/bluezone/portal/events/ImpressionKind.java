package vn.bluezone.portal.events;

import java.util.Locale;

/** What happened to the notice. */
public enum ImpressionKind {
    /** The notice page was sent to a visitor. */
    SHOWN,
    /** The visitor tapped Continue (once per shown notice; replays are refused). */
    ACKNOWLEDGED,
    /** The visitor opened a store link through the counting redirect. */
    STORE_CLICK,
    /** A device that saw the notice recently was let through without it. */
    RETURNING;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImpressionKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
