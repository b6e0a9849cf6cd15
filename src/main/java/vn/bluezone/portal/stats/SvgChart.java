package vn.bluezone.portal.stats;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn by the portal itself as inline SVG: no script, no font files, no request to anywhere, so
 * the dashboard works on a closed network, prints, and reads on a phone (the drawing scales to its box).
 * Stacked bars per category, one colour per series, a legend and a few gridlines with round values.
 */
public final class SvgChart {
    /** Colours that stay apart for the common kinds of colour blindness (Okabe–Ito). */
    private static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442");
    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int RIGHT = 8;
    private static final int TOP = 12;
    private static final int BOTTOM = 44;

    /** One coloured series: a value for each category. */
    public record Series(String name, long[] values) {
    }

    private SvgChart() {
    }

    /**
     * Stacked bars.
     *
     * @param title what the chart shows, read out by screen readers
     * @param categories the x axis labels (days, hours, ...); long lists show every n-th label
     * @param series one or more series, each with exactly one value per category
     */
    public static String stackedBars(String title, List<String> categories, List<Series> series) {
        for (Series s : series) {
            if (s.values().length != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().length + " values for "
                        + categories.size() + " categories");
            }
        }
        long max = 0;
        for (int i = 0; i < categories.size(); i++) {
            long sum = 0;
            for (Series s : series) {
                sum += Math.max(0, s.values()[i]);
            }
            max = Math.max(max, sum);
        }
        long step = niceStep(max);
        long top = Math.max(step, (max + step - 1) / step * step);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escapeHtml(title)).append("\"><title>").append(escapeHtml(title)).append("</title>");
        for (long v = 0; v <= top; v += step) {
            double y = TOP + plotHeight - (double) v / top * plotHeight;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y))
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#ddd\"/>")
                    .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(y + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">").append(compact(v)).append("</text>");
        }
        int n = Math.max(1, categories.size());
        double slot = (double) plotWidth / n;
        double barWidth = Math.max(1, Math.min(slot * 0.8, 56));
        int labelEvery = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < categories.size(); i++) {
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double base = TOP + plotHeight;
            for (int k = 0; k < series.size(); k++) {
                long value = Math.max(0, series.get(k).values()[i]);
                if (value == 0) {
                    continue;
                }
                double h = (double) value / top * plotHeight;
                base -= h;
                svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(base)).append("\" width=\"").append(fmt(barWidth))
                        .append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(PALETTE.get(k % PALETTE.size()))
                        .append("\"><title>").append(escapeHtml(categories.get(i) + " · " + series.get(k).name() + ": " + value))
                        .append("</title></rect>");
            }
            if (i % labelEvery == 0) {
                svg.append("<text x=\"").append(fmt(LEFT + i * slot + slot / 2)).append("\" y=\"").append(TOP + plotHeight + 14)
                        .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">").append(escapeHtml(categories.get(i))).append("</text>");
            }
        }
        double legendX = LEFT;
        for (int k = 0; k < series.size(); k++) {
            String color = PALETTE.get(k % PALETTE.size());
            svg.append("<rect x=\"").append(fmt(legendX)).append("\" y=\"").append(HEIGHT - 14).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(color).append("\"/><text x=\"").append(fmt(legendX + 14)).append("\" y=\"").append(HEIGHT - 5)
                    .append("\" font-size=\"11\" fill=\"#222\">").append(escapeHtml(series.get(k).name())).append("</text>");
            legendX += 24 + 7 * series.get(k).name().length();
        }
        return svg.append("</svg>").toString();
    }

    /** A gridline step of 1, 2 or 5 times a power of ten giving at most five lines. */
    static long niceStep(long max) {
        if (max <= 5) {
            return 1;
        }
        long magnitude = 1;
        while (magnitude * 10 <= max / 5) {
            magnitude *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (max / (m * magnitude) <= 5) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String compact(long v) {
        if (v >= 1_000_000 && v % 100_000 == 0) {
            return trim(v / 1_000_000.0) + "M";
        }
        if (v >= 1_000 && v % 100 == 0) {
            return trim(v / 1_000.0) + "k";
        }
        return Long.toString(v);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

}
