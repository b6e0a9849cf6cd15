package vn.bluezone.portal.web;

import io.undertow.server.HttpServerExchange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.OnlineClients;
import vn.bluezone.portal.access.Visit;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.GrantStep;
import vn.bluezone.portal.notice.Campaign;
import vn.bluezone.portal.venue.Venues;

/**
 * Sends a visitor who may go online to the gateway's own login step (a redirect, or a form the page
 * posts), with the portal's welcome page as where to land afterwards. The one place a grant is given:
 * the client's address is remembered as online ({@link OnlineClients}) for the venue's session.
 */
final class GrantResponder {
    private final VisitorPages visitorPages;
    private final PublicUrl publicUrl;
    private final GrantTokens grantTokens;
    private final Venues venues;
    private final OnlineClients online;

    GrantResponder(VisitorPages visitorPages, PublicUrl publicUrl, GrantTokens grantTokens, Venues venues, OnlineClients online) {
        this.visitorPages = visitorPages;
        this.publicUrl = publicUrl;
        this.grantTokens = grantTokens;
        this.venues = venues;
        this.online = online;
    }

    /**
     * @param visitToken the sealed visit, for the welcome page's links
     * @param status 303 after a form was posted, 302 for a visitor who arrived and passes straight through
     */
    void respond(HttpServerExchange exchange, Gateway gateway, Visit visit, String visitToken, String language, int status) {
        String landing = publicUrl.base(exchange) + "/welcome?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8)
                + "&v=" + visitToken;
        GrantStep step = gateway.grantStep(visit.grant(), landing, () -> grantTokens.issue(visit.deviceKey(), visit.venue(), language));
        venues.find(visit.venue()).ifPresent(venue -> online.letOnline(visit.gateway(), visit.clientAddress(), venue.accessLasts()));
        if (step instanceof GrantStep.PostForm loginForm) {
            Campaign campaign = visitorPages.pages().campaign();
            String shown = campaign.texts(language) != null ? language : visitorPages.language(exchange).primary();
            LoginFormPage.send(exchange, loginForm, shown, campaign.texts(shown).get("continue"));
        } else {
            Responses.redirect(exchange, status, ((GrantStep.Redirect) step).url());
        }
    }
}
