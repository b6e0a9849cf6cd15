package vn.bluezone.portal.store;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local day as the yyyy-mm-dd text the stores write, made once per day rather than once per event: the writers
 * format, hash and compare it several times per impression (raw row, roll-ups, devices per day).
 */
public final class LocalDays {
    /** More days than any store holds at once; past it the texts are simply made again. */
    private static final int KEPT = 4_096;
    private static final Map<LocalDate, String> TEXTS = new ConcurrentHashMap<>();

    private LocalDays() {
    }

    public static String of(LocalDateTime localTime) {
        LocalDate day = localTime.toLocalDate();
        String text = TEXTS.get(day);
        if (text == null) {
            if (TEXTS.size() >= KEPT) {
                TEXTS.clear();
            }
            text = day.toString();
            TEXTS.put(day, text);
        }
        return text;
    }
}
