package vn.bluezone.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.radius.CoaClient;
import vn.bluezone.portal.radius.RadiusServer;

/**
 * The RADIUS server's JSON API, for operators only (their API token or session, the configured {@code api.token},
 * or loopback when no {@code api.token} is set; see {@link StaffAccess#apiCaller}):
 * <pre>
 * GET  /api/radius                       ports and packet counters
 * POST /api/sessions/disconnect?mac=MAC  end every open session of a device at its NAS (Disconnect-Request)
 * </pre>
 */
final class RadiusApiHandler {
    private final Optional<RadiusServer> server;
    private final Optional<CoaClient> coa;
    private final StaffAccess access;
    private final ObjectMapper json = new ObjectMapper();

    RadiusApiHandler(Optional<RadiusServer> server, Optional<CoaClient> coa, StaffAccess access) {
        this.server = server;
        this.coa = coa;
        this.access = access;
    }

    HttpHandler status() {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (!allowed(exchange)) {
                    return;
                }
                ObjectNode body = json.createObjectNode();
                body.put("enabled", server.isPresent());
                server.ifPresent(s -> {
                    body.put("authPort", s.authPort());
                    body.put("acctPort", s.acctPort());
                    ObjectNode counters = body.putObject("counters");
                    s.counters().snapshot().forEach(counters::put);
                });
                Responses.json(exchange, 200, body.toString());
            }
        };
    }

    HttpHandler disconnect() {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (!allowed(exchange)) {
                    return;
                }
                if (coa.isEmpty()) {
                    problem(exchange, 404, "RADIUS is not enabled on this portal");
                    return;
                }
                Optional<String> mac = DeviceKeys.normalizeMac(VisitorPages.parameter(exchange, "mac"));
                if (mac.isEmpty()) {
                    problem(exchange, 400, "parameter 'mac' must be a MAC address such as AA-BB-CC-DD-EE-FF");
                    return;
                }
                List<CoaClient.Result> results;
                try {
                    results = coa.get().disconnect(mac.get());
                } catch (StoreUnavailableException e) {
                    problem(exchange, 503, "the session store is not reachable right now");
                    return;
                }
                ObjectNode body = json.createObjectNode();
                body.put("mac", mac.get());
                ArrayNode sessions = body.putArray("sessions");
                for (CoaClient.Result r : results) {
                    sessions.addObject()
                            .put("nas", r.nas())
                            .put("sessionId", r.sessionId())
                            .put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
                }
                Responses.json(exchange, 200, body.toString());
            }
        };
    }

    private boolean allowed(HttpServerExchange exchange) {
        Optional<Staff> caller = access.apiCaller(exchange);
        if (caller.isEmpty()) {
            problem(exchange, 401, "sign in, or send 'Authorization: Bearer <API token>'");
            return false;
        }
        if (!caller.get().role().manages()) {
            problem(exchange, 403, "only operators may use the RADIUS API");
            return false;
        }
        return true;
    }

    private void problem(HttpServerExchange exchange, int status, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        Responses.json(exchange, status, body.toString());
    }
}
