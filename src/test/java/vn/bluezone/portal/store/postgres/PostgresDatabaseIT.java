package vn.bluezone.portal.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.testing.TestPostgres;

/**
 * The pool and a server that goes away (a PostgreSQL server of the test's own, {@link TestPostgres#own}): while it is gone
 * callers are told at once instead of waiting the pool's connection timeout (5 s each), and once it is back the next
 * caller gets a new connection at once, without a restart of the portal.
 */
class PostgresDatabaseIT {

    @Test
    void whileTheServerIsGoneCallersAreToldAtOnce_andConnectionsComeAgainAsSoonAsItIsBack() throws Exception {
        try (TestPostgres postgres = TestPostgres.own();
                PostgresDatabase db = PostgresDatabase.open(postgres.settings(postgres.freshDatabase("pool")))) {
            assertThat(selectOne(db)).isEqualTo(1);

            postgres.stopServer("immediate");
            assertThat(db.answers()).isFalse();
            long asked = System.nanoTime();
            for (int caller = 0; caller < 20; caller++) {
                assertThatThrownBy(db::connect).isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining("does not answer").hasMessageNotContaining(TestPostgres.PASSWORD);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("20 callers while the server is gone").isLessThan(Duration.ofSeconds(1));

            postgres.startServer();
            long back = System.nanoTime();
            // the last "no" stands for up to 250 ms, then the server is asked again
            while (!db.answers() && System.nanoTime() - back < Duration.ofSeconds(2).toNanos()) {
                Thread.sleep(20);
            }
            assertThat(db.answers()).as("asked again, the server answers").isTrue();
            assertThat(selectOne(db)).as("a new connection from the pool").isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(1));
        }
    }

    private static int selectOne(PostgresDatabase db) throws Exception {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
