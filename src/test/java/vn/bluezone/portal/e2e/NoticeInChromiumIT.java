package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.bluezone.portal.testing.HeadlessChromium;
import vn.bluezone.portal.testing.PortalUnderTest;

/** The notice as a real browser shows it: on a 320 px phone, and with scripts and cookies blocked. */
class NoticeInChromiumIT {
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-A546E; wv) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        portal.close();
    }

    @Test
    void onA320PixelIphoneTheNoticeFitsAndShowsTheAppStoreButton() throws Exception {
        browser = HeadlessChromium.start(320, IPHONE, "vi-VN,vi", true);
        browser.get(portal.uri("/").toString());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("vi");
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth")).isEqualTo(320L);
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("no sideways scrolling at 320 px").isLessThanOrEqualTo(0);
        WebElement button = browser.findElement(By.cssSelector("form.go button"));
        assertThat(button.isDisplayed()).isTrue();
        assertThat(button.getSize().getWidth()).isGreaterThanOrEqualTo(260);
        assertThat(button.getText()).contains("Tiếp tục");
        assertThat(browser.findElements(By.cssSelector("a[href^='/store/ios']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("a[href^='/store/android']"))).isEmpty();
        screenshot("notice-iphone-320-vi.png", 320);
    }

    @Test
    void withoutScriptsOrCookiesAnAndroidVisitorSwitchesLanguageAndContinues() throws Exception {
        browser = HeadlessChromium.start(360, ANDROID, "de-DE", false);
        browser.get(portal.uri("/").toString());
        assertThat(browser.getPageSource()).contains("Google Play").doesNotContain("App Store\u00a0");
        browser.findElement(By.cssSelector("nav.langs a[hreflang='fr']")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.contains("lang=fr"), Duration.ofSeconds(15));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        browser.findElement(By.cssSelector("form.go button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.contains("/welcome?lang=fr"), Duration.ofSeconds(15));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("a[href^='/store/android']"))).hasSize(1);
    }

    @Test
    void aLaptopGetsBothStoresAndAQrCodeForTheReadme() throws Exception {
        browser = HeadlessChromium.start(390, "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "en", true);
        browser.get(portal.uri("/").toString());
        assertThat(browser.findElements(By.cssSelector("figure.qr svg"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("a.store"))).hasSize(2);
        screenshot("notice-other-390-en.png", 390);
    }

    /** The whole page, for a look (and for the README). */
    private void screenshot(String name, int width) throws Exception {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", (int) height, "deviceScaleFactor", 1, "mobile", true));
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
