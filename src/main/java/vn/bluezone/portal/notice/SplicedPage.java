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

    /** The fixed bytes, in direct buffers so that sending them needs no copy (the socket write gathers them). */
    private final ByteBuffer[] parts;

    private SplicedPage(byte[][] parts) {
        this.parts = new ByteBuffer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            this.parts[i] = ByteBuffer.allocateDirect(parts[i].length).put(parts[i]).flip().asReadOnlyBuffer();
        }
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

    /**
     * The page with every hole filled with the token (URL-safe ASCII, so no escaping is needed), as the
     * buffers to write one after the other.
     */
    public ByteBuffer[] fill(String visitToken) {
        ByteBuffer token = ByteBuffer.wrap(visitToken.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        ByteBuffer[] out = new ByteBuffer[parts.length * 2 - 1];
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out[i * 2 - 1] = token.duplicate();
            }
            out[i * 2] = parts[i].duplicate();
        }
        return out;
    }

    /** The filled page as text (for tests and logs; visitors get {@link #fill}). */
    public String text(String visitToken) {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer b : fill(visitToken)) {
            text.append(StandardCharsets.UTF_8.decode(b));
        }
        return text.toString();
    }

}
