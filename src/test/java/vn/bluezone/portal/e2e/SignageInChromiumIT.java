package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.bluezone.portal.testing.HeadlessChromium;
import vn.bluezone.portal.testing.PortalProcess;

/**
 * A signage screen in Debian's Chromium against the built jar: the languages rotate, the portal process is stopped (a
 * real outage) and the screen keeps showing the notice without the browser's error page, then the portal comes back.
 */
class SignageInChromiumIT {
    private static final String BOARD = "Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/126.0 Safari/537.36";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String SHOWN_LANGUAGE = "var s = document.querySelector('#signage .slide.shown'); return s ? s.lang : '';";
    private static final String SHOWN_HEADLINE = "var h = document.querySelector('#signage .slide.shown h1'); return h ? h.textContent : '';";

    @TempDir
    Path dir;
    private PortalProcess portal;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theScreenRotatesLanguagesAndKeepsShowingTheNoticeThroughAnOutageOfThePortal() throws Exception {
        int port = PortalProcess.freePort();
        Path config = PortalProcess.demoConfig(dir, port, "hue-market");
        Path log = dir.resolve("portal.log");
        portal = PortalProcess.start(config, port, log);
        browser = HeadlessChromium.start(1280, BOARD, "vi", true);
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        String url = portal.uri("/signage/hue-market?rotate=2&refresh=2").toString();
        browser.get(url);

        List<String> seen = languagesShownFor(Duration.ofSeconds(7));
        assertThat(new LinkedHashSet<>(seen)).as("languages in turn, every 2 s").startsWith("vi", "en").hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.executeScript("return document.documentElement.lang === document.querySelector('#signage .slide.shown').lang"))
                .as("the page's language is the one shown").isEqualTo(true);
        assertThat(browser.executeScript("return document.body.classList.contains('offline')")).isEqualTo(false);
        screenshot("signage-1280x720.png");

        assertThat(portal.terminate(Duration.ofSeconds(15))).as("the portal stopped on SIGTERM").isIn(0, 143);
        await(() -> (Boolean) browser.executeScript("return document.body.classList.contains('offline')"), Duration.ofSeconds(15),
                "the page noticed that the portal is gone");
        List<String> duringOutage = languagesShownFor(Duration.ofSeconds(6));
        assertThat(browser.getCurrentUrl()).as("never the browser's error page").isEqualTo(url);
        assertThat(new LinkedHashSet<>(duringOutage)).as("still rotating").hasSizeGreaterThanOrEqualTo(2);
        assertThat((String) browser.executeScript(SHOWN_HEADLINE)).as("still showing the notice").contains("Bluezone");
        assertThat(browser.getPageSource()).contains("Hãy cài đặt ứng dụng Bluezone").doesNotContain("ERR_CONNECTION_REFUSED");
        screenshot("signage-1280x720-portal-down.png");

        portal = PortalProcess.start(config, port, log);
        await(() -> !(Boolean) browser.executeScript("return document.body.classList.contains('offline')"), Duration.ofSeconds(15),
                "the page found the portal again");
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        assertThat(new LinkedHashSet<>(languagesShownFor(Duration.ofSeconds(5)))).hasSizeGreaterThanOrEqualTo(2);
        assertThat((String) browser.executeScript(SHOWN_HEADLINE)).contains("Bluezone");
    }

    /** The language of the slide shown, sampled every 200 ms, without repeats in a row. */
    private List<String> languagesShownFor(Duration duration) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            String language = (String) browser.executeScript(SHOWN_LANGUAGE);
            if (!language.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(language))) {
                seen.add(language);
            }
            Thread.sleep(200);
        }
        return seen;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
