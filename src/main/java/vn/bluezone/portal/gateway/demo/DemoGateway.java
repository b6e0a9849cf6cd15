package vn.bluezone.portal.gateway.demo;

import java.util.Map;
import java.util.function.Supplier;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.Arrival;
import vn.bluezone.portal.gateway.ArrivalResult;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.GatewayRequest;
import vn.bluezone.portal.gateway.GrantStep;

/**
 * A visitor who opens the portal directly, with no gateway in between: the demo venue, and a way to
 * preview the notice. There is nothing to unlock, so Continue leads straight to the welcome page.
 */
public final class DemoGateway implements Gateway {
    private final GatewaySettings settings;

    public DemoGateway(GatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public ArrivalResult arrive(GatewayRequest request) {
        return new Arrival("", request.sourceAddress(), "", Map.of());
    }

    @Override
    public GrantStep grantStep(Map<String, String> grant, String landingUrl, Supplier<GrantToken> login) {
        return new GrantStep.Redirect(landingUrl);
    }
}
