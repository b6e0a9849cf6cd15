package vn.bluezone.portal.notice;

import io.nayuki.qrcodegen.QrCode;

/** Draws a QR code as a small inline SVG (one path), so the page needs no image request. */
public final class QrSvg {
    private static final int BORDER = 2;

    private QrSvg() {
    }

    public static String of(String text, String label) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder();
        darkRuns(qr, (x, y, length) -> path.append('M').append(x + BORDER).append(',').append(y + BORDER)
                .append('h').append(length).append("v1h-").append(length).append('z'));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" class=\"qr\" role=\"img\" aria-label=\"" + NoticePages.escapeHtml(label) + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** Receives one horizontal run of dark modules. */
    interface RunConsumer {
        void accept(int x, int y, int length);
    }

    /** Calls {@code run} for each horizontal run of dark modules, row by row: one shape per run instead of per module. */
    static void darkRuns(QrCode qr, RunConsumer run) {
        for (int y = 0; y < qr.size; y++) {
            int x = 0;
            while (x < qr.size) {
                if (!qr.getModule(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < qr.size && qr.getModule(x, y)) {
                    x++;
                }
                run.accept(start, y, x - start);
            }
        }
    }
}
