package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.util.Deque;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.notice.Campaigns;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.notice.MessageKind;
import vn.bluezone.portal.notice.NoticePages;
import vn.bluezone.portal.notice.Platform;
import vn.bluezone.portal.venue.Venues;

/** What every visitor-facing handler needs to know about the visitor: language, platform, and how to show a message. */
final class VisitorPages {
    private static final AttachmentKey<String> SOURCE_ADDRESS = AttachmentKey.create(String.class);

    private final NoticePages pages;
    private final LanguageChooser languages;
    private final Campaigns campaigns;
    private final Venues venues;

    VisitorPages(NoticePages pages, LanguageChooser languages, Campaigns campaigns, Venues venues) {
        this.pages = pages;
        this.languages = languages;
        this.campaigns = campaigns;
        this.venues = venues;
    }

    /** The default campaign's pages: messages that belong to no visit. */
    NoticePages pages() {
        return pages;
    }

    /** The pages of the visit's campaign, decided by its venue, the time it began and its device. */
    NoticePages pages(Visit visit) {
        return campaigns.pagesAt(venues.get(visit.venue()), visit.issuedAt(), visit.deviceKey());
    }

    Campaigns campaigns() {
        return campaigns;
    }

    LanguageChooser.Choice language(HttpServerExchange exchange) {
        return languages.choose(parameter(exchange, "lang"), exchange.getRequestHeaders().getFirst(Headers.ACCEPT_LANGUAGE));
    }

    static Platform platform(HttpServerExchange exchange) {
        return Platform.fromUserAgent(exchange.getRequestHeaders().getFirst(Headers.USER_AGENT));
    }

    /**
     * Answers with a short page in the visitor's language. Where the message offers a retry, the link
     * repeats a GET request; a form post cannot be repeated by a link, so its page offers none.
     */
    void message(HttpServerExchange exchange, int status, MessageKind kind) {
        String retry = null;
        if (exchange.getRequestMethod().equals(Methods.GET)) {
            retry = exchange.getRequestURI() + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
        }
        LanguageChooser.Choice language = language(exchange);
        Responses.html(exchange, status, pages.message(kind, language.primary(), language.secondary(), retry, null));
    }

    /** A message page that reloads the same URL every two seconds by itself. */
    void refreshing(HttpServerExchange exchange, MessageKind kind) {
        String self = exchange.getRequestURI() + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
        Responses.html(exchange, 200, pages.message(kind, language(exchange).primary(), null, self));
    }

    /**
     * The address the request came from (the visitor's, or its gateway's NAT address). It is the connection's, so it
     * is turned into text once per connection, not for every request a kept-alive connection carries.
     */
    static String sourceAddress(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        String known = connection.getAttachment(SOURCE_ADDRESS);
        if (known == null) {
            InetSocketAddress source = exchange.getSourceAddress();
            known = source == null || source.getAddress() == null ? "unknown" : source.getAddress().getHostAddress();
            connection.putAttachment(SOURCE_ADDRESS, known);
        }
        return known;
    }

    static String parameter(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
