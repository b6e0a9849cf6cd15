package vn.bluezone.portal.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The tables a dashboard shows for a {@link StatsSummary}, the same for the page and for its CSV export:
 * by day, by hour of day, by platform and by language. Column titles are in Vietnamese and English.
 */
public final class StatsTables {

    /** Which table. */
    public enum Name {
        DAYS("days", "Theo ngày", "By day", "Ngày", "Day"),
        HOURS("hours", "Theo giờ trong ngày", "By hour of day", "Giờ", "Hour"),
        PLATFORMS("platforms", "Theo hệ điều hành", "By platform", "Hệ điều hành", "Platform"),
        LANGUAGES("languages", "Theo ngôn ngữ", "By language", "Ngôn ngữ", "Language"),
        CAMPAIGNS("campaigns", "Theo chiến dịch", "By campaign", "Chiến dịch", "Campaign");

        private final String code;
        private final String titleVi;
        private final String titleEn;
        private final String keyVi;
        private final String keyEn;

        Name(String code, String titleVi, String titleEn, String keyVi, String keyEn) {
            this.code = code;
            this.titleVi = titleVi;
            this.titleEn = titleEn;
            this.keyVi = keyVi;
            this.keyEn = keyEn;
        }

        public String code() {
            return code;
        }

        public String titleVi() {
            return titleVi;
        }

        public String titleEn() {
            return titleEn;
        }

        public static java.util.Optional<Name> fromCode(String code) {
            for (Name n : values()) {
                if (n.code.equals(code)) {
                    return java.util.Optional.of(n);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * One table: bilingual column titles ({@code "Vietnamese / English"}) and rows of cells.
     *
     * @param keys the first cell of each row (day, hour, platform, language), for charts
     */
    public record Table(Name name, List<String> columns, List<List<String>> rows, List<String> keys) {
    }

    private static final List<String> COUNT_COLUMNS = List.of("Hiển thị / Shown", "Đã xác nhận / Acknowledged",
            "Mở kho ứng dụng / Store clicks", "Quay lại / Returning", "Tỉ lệ xác nhận / Acknowledgement rate",
            "Tỉ lệ mở kho / Store click-through", "Quét QR áp phích / Poster scans", "Quét QR màn hình / Signage scans");

    private StatsTables() {
    }

    public static Table of(Name name, StatsSummary s) {
        return switch (name) {
            case DAYS -> days(s);
            case HOURS -> keyed(name, hours(s));
            case PLATFORMS -> keyed(name, s.byPlatform());
            case LANGUAGES -> keyed(name, s.byLanguage());
            case CAMPAIGNS -> keyed(name, s.byCampaign());
        };
    }

    private static Table days(StatsSummary s) {
        List<String> columns = new ArrayList<>();
        columns.add(Name.DAYS.keyVi + " / " + Name.DAYS.keyEn);
        columns.addAll(COUNT_COLUMNS);
        columns.add("Thiết bị khác nhau / Unique devices");
        columns.add("Phiên RADIUS / RADIUS sessions");
        List<List<String>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Map.Entry<LocalDate, ImpressionCounts> e : s.byDay().entrySet()) {
            List<String> row = new ArrayList<>();
            row.add(e.getKey().toString());
            row.addAll(counts(e.getValue()));
            row.add(Long.toString(s.uniqueDevicesByDay().getOrDefault(e.getKey(), 0L)));
            row.add(Long.toString(s.sessions().byDay().getOrDefault(e.getKey(), 0L)));
            rows.add(row);
            keys.add(e.getKey().toString());
        }
        return new Table(Name.DAYS, columns, rows, keys);
    }

    private static Map<String, ImpressionCounts> hours(StatsSummary s) {
        Map<String, ImpressionCounts> byHour = new java.util.LinkedHashMap<>();
        for (int h = 0; h < s.byHour().size(); h++) {
            byHour.put(String.format(Locale.ROOT, "%02d", h), s.byHour().get(h));
        }
        return byHour;
    }

    private static Table keyed(Name name, Map<String, ImpressionCounts> counts) {
        List<String> columns = new ArrayList<>();
        columns.add(name.keyVi + " / " + name.keyEn);
        columns.addAll(COUNT_COLUMNS);
        List<List<String>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        counts.forEach((key, c) -> {
            List<String> row = new ArrayList<>();
            row.add(key);
            row.addAll(counts(c));
            rows.add(row);
            keys.add(key);
        });
        return new Table(name, columns, rows, keys);
    }

    private static List<String> counts(ImpressionCounts c) {
        return List.of(Long.toString(c.shown()), Long.toString(c.acknowledged()), Long.toString(c.storeClicks()),
                Long.toString(c.returning()), percent(c.acknowledgementRate()), percent(c.storeClickThroughRate()),
                Long.toString(c.posterScans()), Long.toString(c.signageScans()));
    }

    /** A rate as a percentage with one decimal, or an empty cell when it is undefined. */
    public static String percent(OptionalDouble rate) {
        return rate.isPresent() ? String.format(Locale.ROOT, "%.1f%%", rate.getAsDouble() * 100) : "";
    }
}
