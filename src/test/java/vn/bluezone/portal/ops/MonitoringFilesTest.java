package vn.bluezone.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code deploy/monitoring/} cannot drift from the code:
 * every metric their queries name is exposed by {@code /metrics} of a running portal (with RADIUS on), and every
 * {@code bluezone_} metric the portal exposes has a panel.
 */
class MonitoringFilesTest {
    private static final Path DASHBOARD = Path.of("deploy/monitoring/bluezone-dashboard.json");
    private static final Path ALERTS = Path.of("deploy/monitoring/bluezone-alerts.yaml");
    /** Series Prometheus makes itself rather than reading them from /metrics. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset");

    @TempDir
    static Path dataDir;
    private static PortalUnderTest portal;
    private static String exposition;

    @BeforeAll
    static void scrape() throws Exception {
        portal = PortalUnderTest.withRadiusClient(dataDir, "nas", "a-radius-secret-1");
        portal.get("/");
        exposition = portal.get("/metrics").body();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    /** The metric names a PromQL expression reads: identifiers left once labels, ranges, grouping and functions are taken out. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ")
                .replaceAll("\"[^\"]*\"", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !PROMQL_WORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<String> expressions(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.findValues("expr").forEach(e -> out.add(e.asText()));
        return out;
    }

    private static void assertExposed(List<String> expressions, String file) {
        assertThat(expressions).as(file + " has queries").isNotEmpty();
        for (String expr : expressions) {
            for (String name : metricNames(expr)) {
                if (MADE_BY_PROMETHEUS.contains(name)) {
                    continue;
                }
                assertThat(Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(exposition).find())
                        .as("%s reads %s (in %s), which /metrics does not expose", file, name, expr).isTrue();
            }
        }
    }

    @Test
    void theNameFinderTakesMetricsAndLeavesFunctionsLabelsAndGrafanaVariables() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (route, le) (rate(x_bucket{route=\"a\",instance=~\"$instance\"}[$__rate_interval])))"))
                .containsExactly("x_bucket");
        assertThat(metricNames("a_total / on (instance) b > 0.5 and up == 0")).containsExactly("a_total", "b", "up");
    }

    @Test
    void everyMetricTheDashboardReadsIsExposed() throws Exception {
        assertExposed(expressions(new ObjectMapper().readTree(DASHBOARD.toFile())), DASHBOARD.toString());
    }

    @Test
    void everyMetricTheAlertRulesReadIsExposed() throws Exception {
        assertExposed(expressions(new YAMLMapper().readTree(ALERTS.toFile())), ALERTS.toString());
    }

    @Test
    void everyBluezoneMetricHasAPanelOnTheDashboard() throws Exception {
        String dashboard = Files.readString(DASHBOARD);
        Matcher family = Pattern.compile("(?m)^# TYPE (bluezone_\\w+) ").matcher(exposition);
        int families = 0;
        while (family.find()) {
            families++;
            assertThat(dashboard).as("a panel for " + family.group(1)).contains(family.group(1));
        }
        assertThat(families).isGreaterThanOrEqualTo(15);
    }
}
