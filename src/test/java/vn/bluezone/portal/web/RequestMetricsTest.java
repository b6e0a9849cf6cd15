package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.bluezone.portal.ops.HttpRequestStats.Route;

/** Every URL of {@link Routes} falls in the group {@code /metrics} shows it under; unknown paths in OTHER. */
class RequestMetricsTest {
    private static Route get(String path) {
        return RequestMetrics.routeOf(path, false);
    }

    @Test
    void gatewayRedirectsAreArrivalsAndAuthmonPollsAreNot() {
        for (String path : new String[] {"/", "/opennds/gw/", "/coova/gw/", "/mikrotik/gw/", "/meraki/gw/", "/pfsense/gw/", "/generic/gw/"}) {
            assertThat(get(path)).as(path).isEqualTo(Route.ARRIVAL);
        }
        assertThat(RequestMetrics.routeOf("/opennds/gw/", true)).isEqualTo(Route.AUTHMON);
    }

    @Test
    void theVisitorsPagesAfterTheArrival() {
        assertThat(get("/notice")).isEqualTo(Route.NOTICE);
        assertThat(get("/welcome")).isEqualTo(Route.NOTICE);
        assertThat(get("/connecting")).isEqualTo(Route.NOTICE);
        assertThat(get("/go")).isEqualTo(Route.NOTICE);
        assertThat(RequestMetrics.routeOf("/continue", true)).isEqualTo(Route.ACKNOWLEDGE);
        assertThat(get("/store/ios")).isEqualTo(Route.STORE_CLICK);
        assertThat(get("/store/android")).isEqualTo(Route.STORE_CLICK);
    }

    @Test
    void probesApiStaffAndOperations() {
        for (String path : new String[] {"/hotspot-detect.html", "/library/test/success.html", "/generate_204", "/gen_204", "/connecttest.txt",
                "/redirect", "/ncsi.txt", "/success.txt", "/canonical.html", "/captive-portal/api/gw"}) {
            assertThat(get(path)).as(path).isEqualTo(Route.PROBE);
        }
        for (String path : new String[] {"/api/stats", "/api/stats/summary", "/api/radius", "/api/sessions/disconnect", "/api/gateways/g/redeem"}) {
            assertThat(get(path)).as(path).isEqualTo(Route.API);
        }
        for (String path : new String[] {"/login", "/logout", "/dashboard", "/dashboard/export.csv", "/report", "/admin", "/admin/venues",
                "/admin/users"}) {
            assertThat(get(path)).as(path).isEqualTo(Route.STAFF);
        }
        assertThat(get("/healthz")).isEqualTo(Route.HEALTH);
        assertThat(get("/metrics")).isEqualTo(Route.METRICS);
    }

    @Test
    void anythingElseIsOtherSoClientsCannotMakeNewSeries() {
        assertThat(get("/wp-login.php")).isEqualTo(Route.OTHER);
        assertThat(get("/storefront")).isEqualTo(Route.OTHER);
        assertThat(get("/" + "x".repeat(500))).isEqualTo(Route.OTHER);
    }
}
