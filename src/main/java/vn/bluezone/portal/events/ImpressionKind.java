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
    RETURNING,
    /** A phone scanned the QR code of a printed poster ({@code /q/<venue>}) and was sent to its store. */
    POSTER_SCAN,
    /** A phone scanned the QR code on a signage screen ({@code /q/<venue>?s=signage}) and was sent to its store. */
    SIGNAGE_SCAN;

    /** The kinds counted on the Wi-Fi notice itself, as opposed to scans of posters and screens. */
    public boolean onWifi() {
        return this != POSTER_SCAN && this != SIGNAGE_SCAN;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImpressionKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
