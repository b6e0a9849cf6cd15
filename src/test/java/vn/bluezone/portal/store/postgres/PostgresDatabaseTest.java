package vn.bluezone.portal.store.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.config.PostgresSettings;

class PostgresDatabaseTest {

    @Test
    void aServerThatDoesNotAnswerStopsTheStartNamingTheUrlAndUserButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/bluezone";

        assertThatThrownBy(() -> PostgresDatabase.open(new PostgresSettings(url, "bluezone", "Pa55-word-never-shown", 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at " + url + " as bluezone: ")
                .hasMessageContaining("refused")
                .message().doesNotContain("Pa55-word-never-shown");
    }
}
