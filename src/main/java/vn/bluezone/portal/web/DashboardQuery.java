package vn.bluezone.portal.web;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.bluezone.portal.accounts.VenueScope;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.stats.StatsQuery;
import vn.bluezone.portal.venue.Venues;

/**
 * What a dashboard request asks for: {@code venue} (one code, or {@code all} = every venue the staff member may
 * read, the default) and the local days {@code from..to} (default: the last 30 days). A venue outside the staff
 * member's scope is refused, whatever its spelling; so is a period the statistics store would refuse.
 *
 * @param venue the code asked for, or {@code all}
 */
record DashboardQuery(String venue, StatsQuery stats) {
    static final String ALL = "all";

    /** Why a request cannot be answered, in Vietnamese and English, with the HTTP status to answer. */
    record Refusal(int status, String vi, String en) {
    }

    static Object parse(Map<String, Deque<String>> parameters, VenueScope scope, Venues venues, InstantSource clock) {
        String venue = single(parameters, "venue").orElse(ALL);
        List<String> codes = venue.equals(ALL) ? scope.venues() : List.of(venue);
        if (codes.isEmpty()) {
            return new Refusal(403, "Tài khoản của bạn chưa được gán địa điểm nào.", "Your account has no venues.");
        }
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        for (String code : codes) {
            Optional<VenueSettings> settings = venues.find(code).filter(v -> scope.mayRead(v.code()));
            if (settings.isEmpty()) {
                return new Refusal(403, "Bạn không có quyền xem số liệu của địa điểm này.", "You may not read this venue's statistics.");
            }
            zones.put(code, settings.get().timeZone());
        }
        if (zones.size() > StatsQuery.MAX_VENUES) {
            return new Refusal(400, "Quá nhiều địa điểm; hãy chọn một địa điểm.", "Too many venues at once; choose one venue.");
        }
        try {
            LocalDate to = single(parameters, "to").filter(s -> !s.isEmpty()).map(LocalDate::parse)
                    .orElse(LocalDate.ofInstant(clock.instant(), zones.values().iterator().next()));
            LocalDate from = single(parameters, "from").filter(s -> !s.isEmpty()).map(LocalDate::parse).orElse(to.minusDays(29));
            if (from.isAfter(to) || StatsQuery.days(from, to) > StatsQuery.MAX_DAYS) {
                return new Refusal(400, "Khoảng thời gian phải từ 1 đến " + StatsQuery.MAX_DAYS + " ngày.",
                        "The period must be 1 to " + StatsQuery.MAX_DAYS + " days.");
            }
            return new DashboardQuery(venue, new StatsQuery(zones, from, to));
        } catch (DateTimeParseException e) {
            return new Refusal(400, "Ngày phải có dạng 2026-11-29.", "Dates must look like 2026-11-29.");
        }
    }

    private static Optional<String> single(Map<String, Deque<String>> parameters, String name) {
        Deque<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
