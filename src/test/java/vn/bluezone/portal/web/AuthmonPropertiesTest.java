package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.bluezone.portal.gateway.opennds.Authmon;
import vn.bluezone.portal.testing.HostileInput;
import vn.bluezone.portal.testing.PortalUnderTest;
import vn.bluezone.portal.testing.TestCertificates;

/** openNDS authmon POSTs (level 3) with arbitrary actions, router hashes and payloads: a plain answer, never a 5xx. */
class AuthmonPropertiesTest {
    private static Path dir;
    private static PortalUnderTest portal;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("authmon-properties");
        TestCertificates certs = TestCertificates.authority(Files.createDirectory(dir.resolve("certs"))).server("portal", "EC");
        portal = PortalUnderTest.withTls(Files.createDirectory(dir.resolve("data")), certs.file("portal.crt"), certs.file("portal.key"));
    }

    @AfterContainer
    static void stop() throws IOException {
        portal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> authmonForm() {
        Arbitrary<String> action = Arbitraries.oneOf(Arbitraries.of("clear", "view", "list", "deauthed", "custom"), HostileInput.values());
        Arbitrary<String> hash = Arbitraries.oneOf(Arbitraries.just(Authmon.gatewayHash("HueNode")), HostileInput.values());
        Arbitrary<String> payload = Arbitraries.oneOf(
                HostileInput.values().map(v -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))),
                HostileInput.values().map(v -> "* " + v).map(v -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))),
                HostileInput.values());
        return Combinators.combine(action, hash, payload).as((a, h, p) ->
                "auth_get=" + HostileInput.encode(a) + "&gatewayhash=" + HostileInput.encode(h) + "&payload=" + HostileInput.encode(p));
    }

    @Property(tries = 120)
    void authmonAnswersArbitraryPostsPlainlyAndNeverWithA5xx(@ForAll("authmonForm") String form) throws Exception {
        HttpResponse<String> response = portal.postForm("/opennds/hue-gw3/", form, "User-Agent", "openNDS(authmon;NDS:9.10.0;)");
        assertThat(response.statusCode()).as(form).isBetween(200, 499);
        assertThat(response.body()).as(form).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        if (response.statusCode() != 200) {
            assertThat(response.body()).as(form).startsWith("ERROR: ");
        }
    }
}
