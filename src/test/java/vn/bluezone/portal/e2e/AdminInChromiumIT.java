package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.testing.HeadlessChromium;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * An operator in Debian's Chromium: signs in, goes from the dashboard to the venues, adds a venue and an openNDS
 * gateway for it through the forms, sees the gateway's key once, and finds it masked after a reload.
 */
class AdminInChromiumIT {
    private static final String PASSWORD = "operator-password-2026";

    @TempDir
    Path dataDir;
    private PortalUnderTest portal;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        portal = new PortalUnderTest(dataDir, "");
        portal.addUser("operator1", Role.OPERATOR, Set.of(), PASSWORD);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        portal.close();
    }

    @Test
    void anOperatorAddsAVenueAndAGatewayAndSeesTheKeyOnce() throws Exception {
        browser = HeadlessChromium.start(1280, "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "vi-VN,vi", true);
        browser.get(portal.uri("/admin/venues").toString());
        HeadlessChromium.awaitUrl(browser, url -> url.contains("/login"), Duration.ofSeconds(10));
        browser.findElement(By.id("username")).sendKeys("operator1");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.endsWith("/admin/venues"), Duration.ofSeconds(20));
        assertThat(HeadlessChromium.awaitElement(browser, By.tagName("table"), Duration.ofSeconds(10)).getText()).contains("hue-station", "Tệp cấu hình");

        browser.findElement(By.id("code")).sendKeys("hoi-an-market");
        browser.findElement(By.id("name")).sendKeys("Chợ Hội An");
        browser.findElement(By.id("district")).sendKeys("TP. Hội An");
        browser.findElement(By.id("type")).sendKeys("Chợ / Market");
        browser.findElement(By.cssSelector("form[action='/admin/venues'] button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.contains("added=hoi-an-market"), Duration.ofSeconds(10));
        assertThat(HeadlessChromium.awaitElement(browser, By.cssSelector("p.ok"), Duration.ofSeconds(10)).getText()).contains("hoi-an-market");
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("Chợ Hội An", "TP. Hội An");

        browser.findElement(By.linkText("Thiết bị cổng / Gateways")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.endsWith("/admin/gateways"), Duration.ofSeconds(10));
        HeadlessChromium.awaitElement(browser, By.id("id"), Duration.ofSeconds(10)).sendKeys("hoi-an-gw");
        browser.findElement(By.cssSelector("#kind option[value='opennds']")).click();
        browser.findElement(By.cssSelector("#venue option[value='hoi-an-market']")).click();
        browser.findElement(By.cssSelector("#level option[value='2']")).click();
        browser.findElement(By.cssSelector("form[action='/admin/gateways'] button")).click();
        String pasted = HeadlessChromium.awaitElement(browser, By.id("paste"), Duration.ofSeconds(15)).getText();
        assertThat(pasted).contains("option faspath '/opennds/hoi-an-gw/'", "option fas_secure_enabled '2'");
        Matcher key = Pattern.compile("option faskey '([0-9a-f]{32})'").matcher(pasted);
        assertThat(key.find()).isTrue();

        browser.get(portal.uri("/admin/gateways").toString());
        String table = browser.findElement(By.tagName("table")).getText();
        assertThat(table).contains("hoi-an-gw", "opennds (level 2)", "••••").doesNotContain(key.group(1));
        assertThat(browser.getPageSource()).doesNotContain(key.group(1));
    }
}
