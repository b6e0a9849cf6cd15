package vn.bluezone.portal.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.store.Database;
import vn.bluezone.portal.venue.RegistryStore;

/** Added venues, gateways and RADIUS clients in SQLite (migration V6), one short connection per call. */
public final class SqliteRegistryStore implements RegistryStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteRegistryStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database db;

    public SqliteRegistryStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Entry> list() {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT section, key, settings, created_ms, created_by FROM registry_entry ORDER BY created_ms, rowid")) {
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entry(rs).ifPresent(entries::add);
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the added venues, gateways and RADIUS clients: " + e.getMessage(), e);
        }
    }

    private static Optional<Entry> entry(ResultSet rs) throws SQLException {
        String section = rs.getString(1);
        String key = rs.getString(2);
        Optional<Section> known = Section.fromCode(section);
        if (known.isEmpty()) {
            log.warn("registry entry {} {} of an unknown section ignored (written by a newer version?)", section, key);
            return Optional.empty();
        }
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(rs.getString(3), MAP);
        } catch (JsonProcessingException e) {
            log.warn("registry entry {} {} is not readable JSON: ignored", section, key);
            return Optional.empty();
        }
        return Optional.of(new Entry(known.get(), key, settings, Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
    }

    private static String json(Map<String, Object> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings must be plain values", e);
        }
    }

    @Override
    public boolean add(Entry entry) {
        String settings = json(entry.settings());
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO registry_entry (section, key, settings, created_ms, created_by) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (section, key) DO NOTHING")) {
            s.setString(1, entry.section().code());
            s.setString(2, entry.key());
            s.setString(3, settings);
            s.setLong(4, entry.createdAt().toEpochMilli());
            s.setString(5, entry.createdBy());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store an added " + entry.section().code() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean replace(Section section, String key, Map<String, Object> settings) {
        String json = json(settings);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE registry_entry SET settings = ? WHERE section = ? AND key = ?")) {
            s.setString(1, json);
            s.setString(2, section.code());
            s.setString(3, key);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot change the added " + section.code() + " " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(Section section, String key) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM registry_entry WHERE section = ? AND key = ?")) {
            s.setString(1, section.code());
            s.setString(2, key);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot remove the added " + section.code() + " " + key + ": " + e.getMessage(), e);
        }
    }
}
