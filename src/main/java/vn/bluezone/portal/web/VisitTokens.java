package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.access.VisitSealer;
import vn.bluezone.portal.notice.MessageKind;

/** Opens the sealed visit a page link or form carries; a forged or expired one gets its own clear page. */
final class VisitTokens {
    private static final Logger log = LoggerFactory.getLogger(VisitTokens.class);

    private final VisitSealer sealer;
    private final VisitorPages visitorPages;

    VisitTokens(VisitSealer sealer, VisitorPages visitorPages) {
        this.sealer = sealer;
        this.visitorPages = visitorPages;
    }

    /** The visit, or empty after answering the visitor with the reason it cannot be used. */
    Optional<Visit> openOrExplain(HttpServerExchange exchange, String token) {
        VisitSealer.Opened opened = sealer.open(token);
        if (opened.ok()) {
            return Optional.of(opened.visit());
        }
        if (opened.problem() == VisitSealer.Problem.EXPIRED) {
            visitorPages.message(exchange, 410, MessageKind.EXPIRED);
        } else {
            log.warn("{} with an invalid visit token ({} characters)", exchange.getRequestPath(), token == null ? 0 : token.length());
            visitorPages.message(exchange, 400, MessageKind.BAD_LINK);
        }
        return Optional.empty();
    }

    /** The visit if the token is valid and current, without answering. */
    Optional<Visit> open(String token) {
        return Optional.ofNullable(sealer.open(token).visit());
    }
}
