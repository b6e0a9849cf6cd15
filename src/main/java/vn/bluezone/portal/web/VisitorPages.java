package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Deque;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.notice.NoticePages;
import vn.bluezone.portal.notice.Platform;

/** What every visitor-facing handler needs to know about the visitor: language, platform, and how to show a message. */
final class VisitorPages {
    private final NoticePages pages;
    private final LanguageChooser languages;

    VisitorPages(NoticePages pages, LanguageChooser languages) {
        this.pages = pages;
        this.languages = languages;
    }

    NoticePages pages() {
        return pages;
    }

    LanguageChooser.Choice language(HttpServerExchange exchange) {
        return languages.choose(parameter(exchange, "lang"), exchange.getRequestHeaders().getFirst(Headers.ACCEPT_LANGUAGE));
    }

    static Platform platform(HttpServerExchange exchange) {
        return Platform.fromUserAgent(exchange.getRequestHeaders().getFirst(Headers.USER_AGENT));
    }

    /** Answers with a short page in the visitor's language. */
    void message(HttpServerExchange exchange, int status, MessageKind kind) {
        String retry = exchange.getRequestURI() + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
        Responses.html(exchange, status, pages.message(kind, language(exchange).primary(), retry));
    }

    static String parameter(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
