package vn.bluezone.portal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void barsAreStackedPerCategoryWithTheirValuesInTooltips() throws Exception {
        String svg = SvgChart.stackedBars("Impressions by day", List.of("11-01", "11-02"),
                List.of(new SvgChart.Series("shown", new long[] {30, 10}), new SvgChart.Series("acknowledged", new long[] {20, 0})));
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getAttribute("aria-label")).isEqualTo("Impressions by day");
        // three non-empty segments: 30 and 20 on the first day, 10 on the second
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(3 + 2);
        assertThat(svg).contains("11-01 · shown: 30").contains("11-01 · acknowledged: 20").contains("11-02 · shown: 10")
                .doesNotContain("11-02 · acknowledged");
    }

    @Test
    void theTallestStackFillsThePlotUpToARoundGridline() {
        assertThat(SvgChart.niceStep(0)).isEqualTo(1);
        assertThat(SvgChart.niceStep(5)).isEqualTo(1);
        assertThat(SvgChart.niceStep(50)).isEqualTo(10);
        assertThat(SvgChart.niceStep(73)).isEqualTo(20);
        assertThat(SvgChart.niceStep(1234)).isEqualTo(500);
        assertThat(SvgChart.niceStep(9_000_000)).isEqualTo(2_000_000);
        String svg = SvgChart.stackedBars("t", List.of("a"), List.of(new SvgChart.Series("s", new long[] {50})));
        assertThat(svg).contains(">50</text>").doesNotContain(">60</text>");
    }

    @Test
    void textIsEscapedSoAVenueNameCannotInjectMarkup() throws Exception {
        String svg = SvgChart.stackedBars("<script>alert(1)</script>", List.of("\"><b>"),
                List.of(new SvgChart.Series("a&b", new long[] {1})));
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>");
        parse(svg);
    }

    @Test
    void longAxesShowOnlySomeLabelsAndEmptyDataStillDraws() throws Exception {
        List<String> days = java.util.stream.IntStream.range(0, 90).mapToObj(i -> "d" + i).toList();
        String svg = SvgChart.stackedBars("90 days", days, List.of(new SvgChart.Series("shown", new long[90])));
        assertThat(svg).contains(">d0<").contains(">d8<").doesNotContain(">d1<");
        parse(SvgChart.stackedBars("nothing", List.of(), List.of()));
    }

    @Test
    void aSeriesMustHaveOneValuePerCategory() {
        assertThatThrownBy(() -> SvgChart.stackedBars("t", List.of("a", "b"), List.of(new SvgChart.Series("s", new long[] {1}))))
                .hasMessageContaining("1 values for 2 categories");
    }
}
