package vn.bluezone.portal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.ImpressionKind;

class ImpressionCountsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void ratesAreAcknowledgedPerShownAndStoreClicksPerAcknowledged() {
        ImpressionCounts c = ImpressionCounts.NONE.plus(ImpressionKind.SHOWN, 200).plus(ImpressionKind.ACKNOWLEDGED, 140)
                .plus(ImpressionKind.STORE_CLICK, 14).plus(ImpressionKind.RETURNING, 30);

        assertThat(c).isEqualTo(new ImpressionCounts(200, 140, 14, 30));
        assertThat(c.get(ImpressionKind.RETURNING)).isEqualTo(30);
        assertThat(c.acknowledgementRate()).hasValue(0.7);
        assertThat(c.storeClickThroughRate()).hasValue(0.1);
        assertThat(c.plus(c)).isEqualTo(new ImpressionCounts(400, 280, 28, 60));
    }

    @Test
    void aRateWithNothingToDivideByIsAbsent() {
        assertThat(new ImpressionCounts(0, 0, 0, 5).acknowledgementRate()).isEmpty();
        assertThat(new ImpressionCounts(3, 0, 0, 0).storeClickThroughRate()).isEmpty();
    }

    @Test
    void aQueryCoversOneToMaxDaysOfOneToMaxVenues() {
        LocalDate from = LocalDate.of(2026, 1, 1);
        assertThat(new StatsQuery(Map.of("b", ZONE, "a", ZONE), from, from.plusDays(StatsQuery.MAX_DAYS - 1)).venues().keySet())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> new StatsQuery(Map.of("a", ZONE), from, from.plusDays(StatsQuery.MAX_DAYS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatsQuery(Map.of("a", ZONE), from, from.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatsQuery(Map.of(), from, from)).isInstanceOf(IllegalArgumentException.class);
        Map<String, ZoneId> many = new HashMap<>();
        for (int i = 0; i <= StatsQuery.MAX_VENUES; i++) {
            many.put("v" + i, ZONE);
        }
        assertThatThrownBy(() -> new StatsQuery(many, from, from)).isInstanceOf(IllegalArgumentException.class);
    }
}
