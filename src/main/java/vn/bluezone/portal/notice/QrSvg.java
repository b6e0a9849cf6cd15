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
                path.append('M').append(start + BORDER).append(',').append(y + BORDER)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" class=\"qr\" role=\"img\" aria-label=\"" + NoticePages.escapeHtml(label) + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

}
