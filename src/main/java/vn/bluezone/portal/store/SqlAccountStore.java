package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.bluezone.portal.accounts.AccountStore;
import vn.bluezone.portal.accounts.LoginSession;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.User;
import vn.bluezone.portal.events.StoreUnavailableException;

/**
 * Staff accounts, sessions and API tokens (migration V4), in SQL that SQLite and PostgreSQL run alike. Staff traffic is
 * small, so each call opens its own short connection (PostgreSQL: borrows one from the pool); writes are small
 * transactions beside the event writer's.
 */
public final class SqlAccountStore implements AccountStore {
    private static final String USER_COLUMNS = "username, role, venues, password_hash";

    private final Database db;
    private final InstantSource clock;

    public SqlAccountStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public boolean add(User user) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO staff_user (username, role, venues, password_hash, created_ms) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (username) DO NOTHING")) {
            s.setString(1, user.username());
            s.setString(2, user.role().code());
            s.setString(3, String.join(",", user.venues()));
            s.setString(4, user.passwordHash());
            s.setLong(5, clock.millis());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("add a user", e);
        }
    }

    @Override
    public Optional<User> find(String username) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT " + USER_COLUMNS + " FROM staff_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read a user", e);
        }
    }

    @Override
    public List<User> list() {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT " + USER_COLUMNS + " FROM staff_user ORDER BY username")) {
            List<User> users = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    users.add(user(rs));
                }
            }
            return users;
        } catch (SQLException e) {
            throw unavailable("list users", e);
        }
    }

    @Override
    public boolean changePasswordHash(String username, String passwordHash) {
        return inTransaction("change a password", c -> {
            boolean changed;
            try (PreparedStatement s = c.prepareStatement("UPDATE staff_user SET password_hash = ? WHERE username = ?")) {
                s.setString(1, passwordHash);
                s.setString(2, username);
                changed = s.executeUpdate() == 1;
            }
            deleteWhereUser(c, "login_session", username);
            return changed;
        });
    }

    @Override
    public boolean remove(String username) {
        return inTransaction("remove a user", c -> {
            deleteWhereUser(c, "login_session", username);
            deleteWhereUser(c, "api_token", username);
            return deleteWhereUser(c, "staff_user", username) == 1;
        });
    }

    @Override
    public void addSession(LoginSession session) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO login_session (id_digest, username, csrf_token, created_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, session.idDigest());
            s.setString(2, session.username());
            s.setString(3, session.csrfToken());
            s.setLong(4, session.createdAt().toEpochMilli());
            s.setLong(5, session.lastSeenAt().toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("store a login session", e);
        }
    }

    @Override
    public Optional<LoginSession> session(String idDigest) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id_digest, username, csrf_token, created_ms, last_seen_ms FROM login_session WHERE id_digest = ?")) {
            s.setString(1, idDigest);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LoginSession(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
            }
        } catch (SQLException e) {
            throw unavailable("read a login session", e);
        }
    }

    @Override
    public void touchSession(String idDigest, Instant lastSeenAt) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE login_session SET last_seen_ms = ? WHERE id_digest = ? AND last_seen_ms < ?")) {
            s.setLong(1, lastSeenAt.toEpochMilli());
            s.setString(2, idDigest);
            s.setLong(3, lastSeenAt.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("update a login session", e);
        }
    }

    @Override
    public void removeSession(String idDigest) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM login_session WHERE id_digest = ?")) {
            s.setString(1, idDigest);
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("remove a login session", e);
        }
    }

    @Override
    public int removeSessionsBefore(Instant idleBefore, Instant createdBefore) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM login_session WHERE last_seen_ms < ? OR created_ms < ?")) {
            s.setLong(1, idleBefore.toEpochMilli());
            s.setLong(2, createdBefore.toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("forget expired login sessions", e);
        }
    }

    @Override
    public void replaceApiToken(String username, String tokenDigest, Instant createdAt) {
        inTransaction("store an API token", c -> {
            deleteWhereUser(c, "api_token", username);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_token (token_digest, username, created_ms) VALUES (?, ?, ?)")) {
                s.setString(1, tokenDigest);
                s.setString(2, username);
                s.setLong(3, createdAt.toEpochMilli());
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<User> userOfApiToken(String tokenDigest) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT u.username, u.role, u.venues, u.password_hash FROM api_token t JOIN staff_user u ON u.username = t.username "
                        + "WHERE t.token_digest = ?")) {
            s.setString(1, tokenDigest);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read an API token", e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** {@code table} is one of this class's constants, never input. */
    private static int deleteWhereUser(Connection c, String table, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE username = ?")) {
            s.setString(1, username);
            return s.executeUpdate();
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        String venues = rs.getString(3);
        Set<String> codes = venues.isEmpty() ? Set.of() : Arrays.stream(venues.split(",")).collect(Collectors.toSet());
        Role role = Role.fromCode(rs.getString(2)).orElseThrow(() -> new SQLException("unknown role in staff_user"));
        return new User(rs.getString(1), role, codes, rs.getString(4));
    }

    private static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("cannot " + what + ": " + e.getMessage(), e);
    }
}
