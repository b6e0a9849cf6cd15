package vn.bluezone.portal.notice;

/** The short pages a visitor may see instead of the notice, each with its texts' keys. */
public enum MessageKind {
    BAD_LINK("error_title", "error_bad_link", false),
    EXPIRED("error_title", "error_expired", false),
    USED("error_title", "error_used", false),
    UNKNOWN_GATEWAY("error_title", "error_unknown_gateway", false),
    BUSY("error_title", "error_busy", true),
    NOT_FOUND("error_title", "error_not_found", false),
    /** A scanned QR code names a venue the portal does not know (a poster of a removed venue, a mistyped link). */
    UNKNOWN_VENUE("error_title", "error_unknown_venue", false),
    ALREADY_CONNECTED("already_title", "already_text", false),
    /** Waiting for a gateway that fetches the visitors to let in (openNDS authmon): the page reloads itself. */
    CONNECTING("connecting_title", "connecting_text", false),
    /** The gateway has not let the visitor in after a while: the link keeps waiting. */
    GATEWAY_SLOW("connecting_title", "error_gateway_slow", true);

    private final String titleKey;
    private final String textKey;
    private final boolean offersRetry;

    MessageKind(String titleKey, String textKey, boolean offersRetry) {
        this.titleKey = titleKey;
        this.textKey = textKey;
        this.offersRetry = offersRetry;
    }

    public String titleKey() {
        return titleKey;
    }

    public String textKey() {
        return textKey;
    }

    public boolean offersRetry() {
        return offersRetry;
    }
}
