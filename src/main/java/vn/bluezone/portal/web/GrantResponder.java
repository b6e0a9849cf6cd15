package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.OnlineClients;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.PolledGrant;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.GrantStep;
import vn.bluezone.portal.notice.Campaign;
import vn.bluezone.portal.venue.Venues;

/**
 * Sends a visitor who may go online to the gateway's own login step (a redirect, or a form the page
 * posts), with the portal's welcome page as where to land afterwards. The one place a grant is given:
 * the client's address is remembered as online ({@link OnlineClients}) for the venue's session. For a
 * gateway that fetches the visitors to let in (openNDS authmon), the grant is queued durably and the
 * visitor waits on the "connecting" page instead, which remembers them as online once the gateway confirms.
 */
final class GrantResponder {
    /** How long a queued grant is handed out to the gateway's poller. */
    static final Duration POLLED_GRANT_LIFETIME = Duration.ofMinutes(10);

    private final VisitorPages visitorPages;
    private final PublicUrl publicUrl;
    private final GrantTokens grantTokens;
    private final Venues venues;
    private final OnlineClients online;
    private final DurableWriter writer;
    private final AfterDurable afterDurable;
    private final InstantSource clock;

    GrantResponder(VisitorPages visitorPages, PublicUrl publicUrl, GrantTokens grantTokens, Venues venues, OnlineClients online,
            DurableWriter writer, AfterDurable afterDurable, InstantSource clock) {
        this.visitorPages = visitorPages;
        this.publicUrl = publicUrl;
        this.grantTokens = grantTokens;
        this.venues = venues;
        this.online = online;
        this.writer = writer;
        this.afterDurable = afterDurable;
        this.clock = clock;
    }

    /** Where the visitor lands once online: the welcome page. */
    String landing(HttpServerExchange exchange, String visitToken, String language) {
        return publicUrl.base(exchange) + "/welcome?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8) + "&v=" + visitToken;
    }

    /** Remembers the visit's client as online at its gateway for as long as its venue lets it. */
    void letOnline(Visit visit) {
        venues.find(visit.venue()).ifPresent(venue -> online.letOnline(visit.gateway(), visit.clientAddress(), venue.accessLasts()));
    }

    /**
     * @param visitToken the sealed visit, for the welcome page's links
     * @param status 303 after a form was posted, 302 for a visitor who arrived and passes straight through
     */
    void respond(HttpServerExchange exchange, Gateway gateway, Visit visit, String visitToken, String language, int status) {
        String landing = landing(exchange, visitToken, language);
        GrantStep step = gateway.grantStep(visit.grant(), landing, () -> grantTokens.issue(visit.deviceKey(), visit.venue(), language));
        if (!(step instanceof GrantStep.Polled)) {
            letOnline(visit);
        }
        if (step instanceof GrantStep.PostForm loginForm) {
            Campaign campaign = visitorPages.pages(visit).campaign();
            String shown = campaign.texts(language) != null ? language : visitorPages.language(exchange).primary();
            LoginFormPage.send(exchange, loginForm, shown, campaign.texts(shown).get("continue"));
        } else if (step instanceof GrantStep.Polled polled) {
            Instant now = clock.instant();
            PolledGrant queued = new PolledGrant(now, visit.gateway(), polled.poller(), polled.key(), polled.line(),
                    now.plus(POLLED_GRANT_LIFETIME));
            afterDurable.then(exchange, writer.record(queued), (ex, outcome) -> Responses.redirect(ex, 303,
                    "/connecting?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8) + "&v=" + visitToken));
        } else {
            Responses.redirect(exchange, status, ((GrantStep.Redirect) step).url());
        }
    }
}
