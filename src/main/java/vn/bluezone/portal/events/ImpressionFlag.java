package vn.bluezone.portal.events;

import java.util.Locale;

/**
 * Whether an impression counts towards its venue's figures, or why not. A flagged impression is still recorded (its
 * page was served), in a roll-up of its own that statistics show beside the venue's totals, never inside them.
 */
public enum ImpressionFlag {
    /** Counted. */
    NONE,
    /** The request came from a source address outside its gateway's {@code source-addresses}. */
    OUTSIDE_GATEWAY_ADDRESSES,
    /** The device had more counted events than {@code counting.device-limit} within {@code counting.device-window}. */
    DEVICE_LIMIT,
    /** The source address had more counted events than {@code counting.address-limit} within {@code counting.address-window}. */
    ADDRESS_LIMIT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImpressionFlag fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
