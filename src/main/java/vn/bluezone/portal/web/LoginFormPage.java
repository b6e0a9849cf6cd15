package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import vn.bluezone.portal.gateway.GrantStep;
import vn.bluezone.portal.notice.NoticePages;

/**
 * The short page that posts a gateway's login form (MikroTik): it submits itself with one inline
 * script, allowed by its hash in this page's Content-Security-Policy, and shows the Continue button for
 * browsers that run no script.
 */
final class LoginFormPage {
    private static final String SCRIPT = "document.getElementById('login').submit();";
    private static final String POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY + "; script-src 'sha256-" + sha256(SCRIPT) + "'";

    private LoginFormPage() {
    }

    static void send(HttpServerExchange exchange, GrantStep.PostForm form, String language, String buttonText) {
        StringWriter html = new StringWriter(1024);
        html.write("<!doctype html><html lang=\"");
        NoticePages.escapeHtml(language, html);
        html.write("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>Wi-Fi</title><style>body{font:18px/1.4 system-ui,sans-serif;margin:0;display:flex;min-height:100vh;"
                + "align-items:center;justify-content:center}button{font:inherit;padding:.8em 1.4em;border:0;border-radius:.5em;"
                + "background:#0b5cab;color:#fff}</style></head><body><form id=\"login\" method=\"post\" action=\"");
        NoticePages.escapeHtml(form.action(), html);
        html.write("\">");
        for (Map.Entry<String, String> field : form.fields().entrySet()) {
            html.write("<input type=\"hidden\" name=\"");
            NoticePages.escapeHtml(field.getKey(), html);
            html.write("\" value=\"");
            NoticePages.escapeHtml(field.getValue(), html);
            html.write("\">");
        }
        html.write("<button type=\"submit\">");
        NoticePages.escapeHtml(buttonText, html);
        html.write("</button></form><script>" + SCRIPT + "</script></body></html>");
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, POLICY);
        Responses.html(exchange, 200, html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
