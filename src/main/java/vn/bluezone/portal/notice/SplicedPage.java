package vn.bluezone.portal.notice;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A page rendered once, with holes where the visitor's own token goes. Filling it per request is a few
 * byte copies instead of a template run, which is what keeps the notice close to static-file speed.
 */
public final class SplicedPage {
    /** Marker the templates are rendered with; it survives HTML escaping unchanged. */
    public static final String VISIT_SLOT = "__BZSLOT_VISIT__";

    private final byte[][] parts;
    private final int fixedLength;

    private SplicedPage(byte[][] parts) {
        this.parts = parts;
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        this.fixedLength = length;
    }

    public static SplicedPage of(String rendered) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = rendered.indexOf(VISIT_SLOT, from)) >= 0) {
            parts.add(rendered.substring(from, at).getBytes(StandardCharsets.UTF_8));
            from = at + VISIT_SLOT.length();
        }
        parts.add(rendered.substring(from).getBytes(StandardCharsets.UTF_8));
        return new SplicedPage(parts.toArray(new byte[0][]));
    }

    /** The page with every hole filled with the token (URL-safe ASCII, so no escaping is needed). */
    public ByteBuffer fill(String visitToken) {
        byte[] token = visitToken.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(fixedLength + token.length * (parts.length - 1));
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.put(token);
            }
            out.put(parts[i]);
        }
        return out.flip();
    }

    /** Number of holes. */
    public int slots() {
        return parts.length - 1;
    }
}
