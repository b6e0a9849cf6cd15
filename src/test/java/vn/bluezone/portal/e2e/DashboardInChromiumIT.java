package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.HeadlessChromium;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * The dashboard as staff use it, in Debian's Chromium: a venue user signs in, sees the charts on a phone and on a
 * desktop, switches the period, exports a table as CSV, and cannot open another venue's numbers.
 */
class DashboardInChromiumIT {
    private static final String PASSWORD = "venue-password-2026";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String PAYLOAD = "hid=9e57118e625fef08e2d21a8851f76fb2ab335dfa12ac608bbcefdda1100809e9, clientip=10.231.1.10, "
            + "clientmac=02:00:0a:e7:01:0a, client_type=cpd_can, gatewayname=Hue, gatewayaddress=10.231.1.1:2050, "
            + "originurl=http%3a%2f%2fexample.org%2f";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        portal = new PortalUnderTest(dataDir, "");
        portal.addUser("hue-venue", Role.VENUE, Set.of("hue-station"), PASSWORD);
        String fas = Base64.getEncoder().encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        for (String language : new String[] {"vi", "en", "ko"}) {
            assertThat(portal.get("/opennds/hue-gw/?fas=" + fas, "Accept-Language", language).statusCode()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        portal.close();
    }

    private void signIn() throws InterruptedException {
        browser.get(portal.uri("/dashboard").toString());
        HeadlessChromium.awaitUrl(browser, url -> url.contains("/login"), Duration.ofSeconds(10));
        browser.findElement(By.id("username")).sendKeys("hue-venue");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.endsWith("/dashboard"), Duration.ofSeconds(20));
        HeadlessChromium.awaitElement(browser, By.cssSelector("#languages svg.chart"), Duration.ofSeconds(10));
    }

    @Test
    void aVenueUserSignsInSeesTheChartsSwitchesPeriodAndExportsCsvOnAPhone() throws Exception {
        browser = HeadlessChromium.start(390, "Mozilla/5.0 (Linux; Android 14; Pixel 7) Chrome/126.0 Mobile Safari/537.36", "vi-VN,vi", true);
        signIn();
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).as("by day, hour, platform, language, campaign").hasSize(5);
        assertThat(browser.findElement(By.cssSelector(".cards")).getText()).contains("Hiển thị", "Shown", "3");
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("no sideways scrolling of the page at 390 px (wide tables scroll in their own box)").isLessThanOrEqualTo(0);
        screenshot("dashboard-phone-390.png", 390);

        browser.findElement(By.partialLinkText("7 ngày")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.contains("from=2026-11-23"), Duration.ofSeconds(10));
        HeadlessChromium.awaitElement(browser, By.cssSelector("input[name=from][value='2026-11-23']"), Duration.ofSeconds(10));
        HeadlessChromium.awaitElement(browser, By.cssSelector("#languages .csv a"), Duration.ofSeconds(10));
        assertThat(browser.findElements(By.cssSelector("#days tbody tr"))).hasSize(7);

        String csvHref = browser.findElement(By.cssSelector("#languages .csv a")).getAttribute("href");
        String session = browser.manage().getCookieNamed("bz_session").getValue();
        HttpResponse<String> csv = portal.get(csvHref.substring(csvHref.indexOf("/dashboard")), "Cookie", "bz_session=" + session);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("Ngôn ngữ / Language").contains("\r\nen,1,").contains("\r\nko,1,").contains("\r\nvi,1,");

        browser.get(portal.uri("/dashboard?venue=demo").toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("không có quyền").contains("may not read");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).isEmpty();
    }

    @Test
    void onADesktopTheDashboardIsReadableForTheReadme() throws Exception {
        browser = HeadlessChromium.start(1280, "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "vi-VN,vi", true);
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        signIn();
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).as("by day, hour, platform, language, campaign").hasSize(5);
        screenshot("dashboard-desktop-1280.png", 1280);
    }

    private void screenshot(String name, int width) throws Exception {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", (int) Math.min(height, 4000), "deviceScaleFactor", 1, "mobile", width < 600));
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
