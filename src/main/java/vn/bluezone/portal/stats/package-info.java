/**
 * Impression statistics for venues, operators and the authority: what the JSON API and the dashboard read.
 * {@link vn.bluezone.portal.stats.StatsStore} answers one {@link vn.bluezone.portal.stats.StatsQuery} (venues and a
 * period of local days) with a {@link vn.bluezone.portal.stats.StatsSummary}, read from the roll-ups the event writer
 * keeps, never from raw events; the implementation lives in {@code store/}. Rates are derived in
 * {@link vn.bluezone.portal.stats.ImpressionCounts}.
 */
package vn.bluezone.portal.stats;
