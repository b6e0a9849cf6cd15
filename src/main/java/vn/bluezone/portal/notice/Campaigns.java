package vn.bluezone.portal.notice;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.bluezone.portal.config.VenueSettings;

/**
 * Every campaign the portal may show, each with its rendered pages and its poster, and the {@link CampaignSchedule}
 * that says which one a venue shows when. Built once at start; a broken template or text of any campaign stops it.
 */
public final class Campaigns {
    private final CampaignSchedule schedule;
    private final Map<String, NoticePages> pages = new LinkedHashMap<>();
    private final Map<String, PosterPdf> posters = new LinkedHashMap<>();

    public Campaigns(Path pagesDir, CampaignSchedule schedule, PosterFonts fonts, InstantSource clock) {
        this.schedule = schedule;
        schedule.campaigns().forEach((id, campaign) -> {
            pages.put(id, new NoticePages(pagesDir, campaign));
            posters.put(id, new PosterPdf(campaign, fonts, clock));
        });
    }

    public CampaignSchedule schedule() {
        return schedule;
    }

    /** The default campaign's pages (messages that belong to no visit). */
    public NoticePages fallbackPages() {
        return pages.get(schedule.fallback().id());
    }

    /** The default campaign's poster maker. */
    public PosterPdf fallbackPosters() {
        return posters.get(schedule.fallback().id());
    }

    /** The pages of the campaign a device at a venue sees at an instant. */
    public NoticePages pagesAt(VenueSettings venue, Instant when, String deviceKey) {
        return pages.get(schedule.at(venue, when, deviceKey).id());
    }

    /** The poster maker of the campaign a venue shows at an instant. */
    public PosterPdf postersAt(VenueSettings venue, Instant when) {
        return posters.get(schedule.at(venue, when, "").id());
    }
}
