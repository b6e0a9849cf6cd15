package vn.bluezone.portal.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.config.ConfigException;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.testing.TestPages;

/** Which campaign a venue shows when: dates on the venue's own clock, targets, first match, variants. */
class CampaignScheduleTest {
    private static final ZoneId HO_CHI_MINH = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final VenueSettings HUE_STATION = venue("hue-station", HO_CHI_MINH, "TP. Huế", "Bến xe");
    private static final VenueSettings DONG_BA = venue("dong-ba", HO_CHI_MINH, "TP. Huế", "Chợ");
    private static final VenueSettings PHU_VANG = venue("phu-vang-market", HO_CHI_MINH, "Phú Vang", "Chợ");
    /** A venue on another clock: Tokyo's midnight comes two hours before Hồ Chí Minh City's. */
    private static final VenueSettings TOKYO = venue("tokyo-office", ZoneId.of("Asia/Tokyo"), "", "");

    @TempDir
    Path dir;
    private CampaignSchedule schedule;

    private static VenueSettings venue(String code, ZoneId zone, String district, String type) {
        return new VenueSettings(code, code, zone, Duration.ofHours(24), VenueSettings.SessionLimits.DEFAULT, "", district, type);
    }

    @BeforeEach
    void load() {
        TestPages pages = TestPages.copyOfShipped(dir.resolve("pages"))
                .campaign("vaccine", "Vaccine:", "https://vaccine.example.vn/")
                .campaign("vaccine-b", "Vaccine B:", "https://vaccine.example.vn/b")
                .campaign("markets", "Markets:", "https://markets.example.vn/")
                .schedule("""
                        # first match wins
                        - campaign: markets
                          from: 2026-12-10
                          until: 2026-12-20
                          types: ["Chợ"]
                          districts: ["Phú Vang"]
                        - campaign: vaccine
                          variant-b: vaccine-b
                          from: 2026-12-01
                          until: 2026-12-31
                        """);
        CampaignLoader loader = new CampaignLoader();
        schedule = CampaignSchedule.load(pages.dir(), loader.load(pages.dir(), "bluezone"), loader);
    }

    private String at(VenueSettings venue, String instant) {
        return schedule.at(venue, Instant.parse(instant), "").id();
    }

    @Test
    void aCampaignStartsAndEndsAtMidnightOnTheVenuesOwnClock() {
        assertThat(at(HUE_STATION, "2026-11-30T16:59:59Z")).as("23:59:59 on 30 Nov in Huế").isEqualTo("bluezone");
        assertThat(at(HUE_STATION, "2026-11-30T17:00:00Z")).as("00:00 on 1 Dec in Huế").isEqualTo("vaccine");
        assertThat(at(HUE_STATION, "2026-12-31T16:59:59Z")).as("the last second of 31 Dec").isEqualTo("vaccine");
        assertThat(at(HUE_STATION, "2026-12-31T17:00:00Z")).as("00:00 on 1 Jan").isEqualTo("bluezone");

        assertThat(at(TOKYO, "2026-11-30T14:59:59Z")).isEqualTo("bluezone");
        assertThat(at(TOKYO, "2026-11-30T15:00:00Z")).as("Tokyo's midnight, still 22:00 in Huế").isEqualTo("vaccine");
        assertThat(at(HUE_STATION, "2026-11-30T15:00:00Z")).isEqualTo("bluezone");
    }

    @Test
    void theFirstMatchingEntryWinsAndTargetsAreVenuesDistrictsOrTypes() {
        String midDecember = "2026-12-15T03:00:00Z";
        assertThat(at(DONG_BA, midDecember)).as("a market").isEqualTo("markets");
        assertThat(at(PHU_VANG, midDecember)).as("in Phú Vang").isEqualTo("markets");
        assertThat(at(HUE_STATION, midDecember)).as("neither: the next entry, for every venue").isEqualTo("vaccine");
        assertThat(at(DONG_BA, "2026-12-09T16:59:59Z")).isEqualTo("vaccine");
        assertThat(at(DONG_BA, "2026-12-09T17:00:00Z")).isEqualTo("markets");
        assertThat(at(DONG_BA, "2026-12-20T17:00:00Z")).as("21 Dec: markets is over").isEqualTo("vaccine");
        assertThat(schedule.campaigns().keySet()).containsExactly("bluezone", "markets", "vaccine", "vaccine-b");
    }

    @Test
    void aVariantTestShowsTheSecondTextToEveryOtherDeviceAlwaysTheSameToOneDevice() {
        Instant december = Instant.parse("2026-12-05T03:00:00Z");
        Set<String> seen = new HashSet<>();
        for (String key : List.of("3fa0", "3fa1", "3fa2", "3fa3", "3fae", "3faf")) {
            String campaign = schedule.at(HUE_STATION, december, key).id();
            seen.add(campaign);
            assertThat(schedule.at(HUE_STATION, december.plusSeconds(3600), key).id()).as("stable for " + key).isEqualTo(campaign);
        }
        assertThat(seen).containsExactlyInAnyOrder("vaccine", "vaccine-b");
        assertThat(schedule.at(HUE_STATION, december, "3fa0").id()).isEqualTo("vaccine");
        assertThat(schedule.at(HUE_STATION, december, "3fa1").id()).isEqualTo("vaccine-b");
        assertThat(schedule.at(HUE_STATION, december, "").id()).as("posters and screens show variant A").isEqualTo("vaccine");
        assertThat(schedule.at(HUE_STATION, december, "3fa1").qrUrl()).isEqualTo("https://vaccine.example.vn/b");
    }

    @Test
    void mistakesInTheScheduleStopTheStartNamingTheEntry() throws Exception {
        CampaignLoader loader = new CampaignLoader();
        Campaign bluezone = loader.load(dir.resolve("pages"), "bluezone");
        Path schedule = dir.resolve("pages/campaigns/schedule.yaml");
        Files.writeString(schedule, "- {campaign: vaccine, from: 2026-12-01, until: 2026-11-30}\n");
        assertThatThrownBy(() -> CampaignSchedule.load(dir.resolve("pages"), bluezone, loader))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[0].until");
        Files.writeString(schedule, "- {campaign: vaccine, from: 1 Dec, until: 2026-12-31}\n");
        assertThatThrownBy(() -> CampaignSchedule.load(dir.resolve("pages"), bluezone, loader)).hasMessageContaining("[0].from");
        Files.writeString(schedule, "- {campaign: nowhere, from: 2026-12-01, until: 2026-12-31}\n");
        assertThatThrownBy(() -> CampaignSchedule.load(dir.resolve("pages"), bluezone, loader)).hasMessageContaining("nowhere");
        Files.writeString(schedule, "- {campaign: vaccine, from: 2026-12-01, until: 2026-12-31, district: [x]}\n");
        assertThatThrownBy(() -> CampaignSchedule.load(dir.resolve("pages"), bluezone, loader)).hasMessageContaining("[0].district");
        Files.delete(dir.resolve("pages/campaigns/vaccine/texts/lo.yaml"));
        Path vaccine = dir.resolve("pages/campaigns/vaccine/campaign.yaml");
        Files.writeString(vaccine, Files.readString(vaccine).replace(", lo,", ","));
        Files.writeString(schedule, "- {campaign: vaccine, from: 2026-12-01, until: 2026-12-31}\n");
        assertThatThrownBy(() -> CampaignSchedule.load(dir.resolve("pages"), bluezone, loader)).hasMessageContaining("no texts in [lo]");
        Files.delete(schedule);
        assertThat(CampaignSchedule.load(dir.resolve("pages"), bluezone, loader).campaigns()).containsOnlyKeys("bluezone");
    }

    @Test
    void theShippedExampleScheduleIsValid() throws Exception {
        TestPages pages = TestPages.copyOfShipped(dir.resolve("example"))
                .campaign("vaccination", "Vaccination:", "https://vaccination.example.vn/")
                .campaign("vaccination-short", "Short:", "https://vaccination.example.vn/short")
                .campaign("markets", "Markets:", "https://markets.example.vn/");
        Files.copy(pages.dir().resolve("campaigns/schedule.example.yaml"), pages.dir().resolve("campaigns/schedule.yaml"));
        CampaignLoader loader = new CampaignLoader();
        CampaignSchedule example = CampaignSchedule.load(pages.dir(), loader.load(pages.dir(), "bluezone"), loader);

        assertThat(example.entries()).hasSize(2);
        assertThat(example.campaigns().keySet()).containsExactly("bluezone", "vaccination", "vaccination-short", "markets");
        assertThat(example.at(venue("hue-bus-station", HO_CHI_MINH, "", ""), Instant.parse("2027-01-15T03:00:00Z"), "").id())
                .isEqualTo("markets");
    }
}
