package vn.bluezone.portal.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.bluezone.portal.config.ConfigException;
import vn.bluezone.portal.config.VenueSettings;

/**
 * Which campaign a venue shows when: the entries of {@code portal-pages/campaigns/schedule.yaml}, each a campaign folder
 * with a first and a last day (the venue's own local dates, both included) and a target (venues, districts, types of
 * place; none = every venue), and optionally a second folder ({@code variant-b}) shown to every other device (by its
 * device key) to compare two texts. The first entry that matches wins; otherwise the configured default campaign.
 * Deciding from the visit's own time and device key gives the same campaign on every page of a visit and on every node.
 */
public final class CampaignSchedule {
    /** A scheduled campaign. Empty target lists: every venue. */
    public record Entry(Campaign campaign, Optional<Campaign> variantB, LocalDate from, LocalDate until, Set<String> venues,
            Set<String> districts, Set<String> types) {

        public Entry {
            venues = Set.copyOf(venues);
            districts = Set.copyOf(districts);
            types = Set.copyOf(types);
        }

        boolean covers(VenueSettings venue, LocalDate day) {
            if (day.isBefore(from) || day.isAfter(until)) {
                return false;
            }
            if (venues.isEmpty() && districts.isEmpty() && types.isEmpty()) {
                return true;
            }
            return venues.contains(venue.code()) || districts.contains(venue.district()) || types.contains(venue.venueType());
        }
    }

    private final Campaign fallback;
    private final List<Entry> entries;

    public CampaignSchedule(Campaign fallback, List<Entry> entries) {
        this.fallback = fallback;
        this.entries = List.copyOf(entries);
    }

    /** The default campaign alone, with no schedule. */
    public static CampaignSchedule always(Campaign campaign) {
        return new CampaignSchedule(campaign, List.of());
    }

    /**
     * The campaign a device at a venue sees at an instant (the day is the venue's local one).
     *
     * @param deviceKey the device's key; empty for what no device asked for (posters, signage), which shows variant A
     */
    public Campaign at(VenueSettings venue, Instant when, String deviceKey) {
        if (entries.isEmpty()) {
            return fallback; // nothing scheduled: no need to work out the venue's local day
        }
        LocalDate day = LocalDate.ofInstant(when, venue.timeZone());
        for (Entry e : entries) {
            if (e.covers(venue, day)) {
                return e.variantB().isPresent() && secondHalf(deviceKey) ? e.variantB().get() : e.campaign();
            }
        }
        return fallback;
    }

    /** Every device key falls in one of two halves; an empty key in the first. */
    private static boolean secondHalf(String deviceKey) {
        return !deviceKey.isEmpty() && Character.digit(deviceKey.charAt(deviceKey.length() - 1), 16) % 2 == 1;
    }

    public Campaign fallback() {
        return fallback;
    }

    /** The default campaign and every scheduled one (variants included), each once, by id. */
    public Map<String, Campaign> campaigns() {
        Map<String, Campaign> all = new LinkedHashMap<>();
        all.put(fallback.id(), fallback);
        for (Entry e : entries) {
            all.putIfAbsent(e.campaign().id(), e.campaign());
            e.variantB().ifPresent(b -> all.putIfAbsent(b.id(), b));
        }
        return all;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Reads {@code campaigns/schedule.yaml} under {@code pagesDir} if there is one. Every campaign it names must have
     * texts in every language of the default campaign (a visitor's language is chosen before the campaign).
     */
    public static CampaignSchedule load(Path pagesDir, Campaign fallback, CampaignLoader loader) {
        Path file = pagesDir.resolve("campaigns").resolve("schedule.yaml");
        if (!Files.isRegularFile(file)) {
            return always(fallback);
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return always(fallback);
        }
        if (!root.isArray()) {
            throw new ConfigException(file.toString(), "must be a list of scheduled campaigns");
        }
        Map<String, Campaign> loaded = new LinkedHashMap<>();
        loaded.put(fallback.id(), fallback);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String at = file + ": [" + i + "]";
            Set<String> allowed = Set.of("campaign", "variant-b", "from", "until", "venues", "districts", "types");
            item.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    throw new ConfigException(at + "." + key, "unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            });
            Campaign campaign = campaign(item, "campaign", at, pagesDir, fallback, loader, loaded).orElseThrow(
                    () -> new ConfigException(at + ".campaign", "is required (a folder under campaigns/)"));
            Optional<Campaign> variantB = campaign(item, "variant-b", at, pagesDir, fallback, loader, loaded);
            LocalDate from = date(item, "from", at);
            LocalDate until = date(item, "until", at);
            if (until.isBefore(from)) {
                throw new ConfigException(at + ".until", "is before 'from'");
            }
            entries.add(new Entry(campaign, variantB, from, until, texts(item, "venues", at), texts(item, "districts", at),
                    texts(item, "types", at)));
        }
        return new CampaignSchedule(fallback, entries);
    }

    private static Optional<Campaign> campaign(JsonNode item, String key, String at, Path pagesDir, Campaign fallback, CampaignLoader loader,
            Map<String, Campaign> loaded) {
        JsonNode id = item.get(key);
        if (id == null || id.asText().isBlank()) {
            return Optional.empty();
        }
        if (!id.asText().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ConfigException(at + "." + key, "'" + id.asText() + "' must be a campaign folder's name");
        }
        Campaign campaign = loaded.computeIfAbsent(id.asText(), name -> loader.load(pagesDir, name));
        List<String> missing = fallback.languages().stream().filter(l -> campaign.texts(l) == null).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(at + "." + key, "the campaign '" + campaign.id() + "' has no texts in " + missing
                    + " (every scheduled campaign needs the languages of '" + fallback.id() + "')");
        }
        return Optional.of(campaign);
    }

    private static LocalDate date(JsonNode item, String key, String at) {
        JsonNode value = item.get(key);
        if (value == null) {
            throw new ConfigException(at + "." + key, "is required (a date such as 2026-12-01)");
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new ConfigException(at + "." + key, "'" + value.asText() + "' is not a date such as 2026-12-01");
        }
    }

    private static Set<String> texts(JsonNode item, String key, String at) {
        JsonNode list = item.get(key);
        if (list == null) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(at + "." + key, "must be a list");
        }
        Set<String> values = new java.util.HashSet<>();
        list.forEach(v -> values.add(v.asText().strip()));
        return values;
    }
}
