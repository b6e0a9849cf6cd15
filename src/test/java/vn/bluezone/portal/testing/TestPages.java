package vn.bluezone.portal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the shipped {@code portal-pages/} in a temporary folder, with more campaigns and a schedule written by the test. */
public final class TestPages {
    private final Path dir;

    private TestPages(Path dir) {
        this.dir = dir;
    }

    public static TestPages copyOfShipped(Path into) {
        copy(Path.of("portal-pages"), into);
        return new TestPages(into);
    }

    public Path dir() {
        return dir;
    }

    /**
     * A campaign folder {@code id} made from the Bluezone campaign, whose headline in every language starts with
     * {@code headlinePrefix} and whose QR target is {@code qrUrl}.
     */
    public TestPages campaign(String id, String headlinePrefix, String qrUrl) {
        Path folder = dir.resolve("campaigns").resolve(id);
        copy(dir.resolve("campaigns").resolve("bluezone"), folder);
        try (Stream<Path> texts = Files.list(folder.resolve("texts"))) {
            for (Path file : texts.toList()) {
                String yaml = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, yaml.replaceFirst("(?m)^headline: \"", "headline: \"" + headlinePrefix + " "), StandardCharsets.UTF_8);
            }
            Path campaign = folder.resolve("campaign.yaml");
            Files.writeString(campaign, Files.readString(campaign).replaceFirst("(?m)^qr-url: .*$", "qr-url: " + qrUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TestPages schedule(String yaml) {
        try {
            Files.writeString(dir.resolve("campaigns").resolve("schedule.yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
