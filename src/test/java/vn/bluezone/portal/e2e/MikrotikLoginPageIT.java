package vn.bluezone.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.bluezone.portal.testing.HeadlessChromium;
import vn.bluezone.portal.testing.PortalUnderTest;

/**
 * The shipped RouterOS {@code login.html}, filled in as the router fills it, in headless Chromium: it
 * hands the phone to the notice by itself (or with its button when scripts are off), and after Continue
 * the portal's page posts the login to the router (by itself, or with its button).
 */
class MikrotikLoginPageIT {
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-A546E; wv) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

    @TempDir
    Path dir;
    private PortalUnderTest portal;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        portal = PortalUnderTest.withRadiusClient(dir.resolve("data"), "hue-routeros", "routeros-radius-secret");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        portal.close();
    }

    /** login.html with the router's variables filled in, as RouterOS serves it. */
    private String routerLoginPage() throws Exception {
        String page = Files.readString(Path.of("deploy/mikrotik/login.html"), StandardCharsets.UTF_8)
                .replace("PORTAL_URL", portal.uri("/mikrotik/hue-mikrotik/").toString())
                .replace("$(mac)", "02:00:0A:E7:01:0E")
                .replace("$(ip)", "10.5.50.30")
                .replace("$(link-login-only)", "http://10.5.50.1/login")
                .replace("$(link-orig)", "http://example.com/")
                .replace("$(chap-id)", "\\371")
                .replace("$(chap-challenge)", "\\357\\015\\330\\013\\021\\234\\145\\245\\303\\253\\142\\246\\133\\175\\375\\316")
                .replace("$(server-name)", "hotspot1")
                .replace("$(error)", "");
        Path file = dir.resolve("login.html");
        Files.writeString(file, page, StandardCharsets.UTF_8);
        return file.toUri().toString();
    }

    @Test
    void withScriptsTheRoutersPageOpensTheNoticeAndThePortalPostsTheLoginToTheRouter() throws Exception {
        browser = HeadlessChromium.start(360, ANDROID, "en", true);
        browser.get(routerLoginPage());
        HeadlessChromium.awaitUrl(browser, url -> url.contains("/mikrotik/hue-mikrotik/"), Duration.ofSeconds(10));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.findElement(By.cssSelector("form.go button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.startsWith("http://10.5.50.1/login"), Duration.ofSeconds(15));
    }

    @Test
    void withoutScriptsEveryStepHasAButton() throws Exception {
        browser = HeadlessChromium.start(360, ANDROID, "vi", false);
        browser.get(routerLoginPage());
        browser.findElement(By.cssSelector("#portal button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.contains("/mikrotik/hue-mikrotik/"), Duration.ofSeconds(15));
        browser.findElement(By.cssSelector("form.go button")).click();
        HeadlessChromium.awaitUrl(browser, url -> url.endsWith("/continue"), Duration.ofSeconds(15));
        assertThat(browser.findElement(By.cssSelector("form#login")).getAttribute("action")).isEqualTo("http://10.5.50.1/login");
        assertThat(browser.findElement(By.cssSelector("form#login button")).getText()).contains("Tiếp tục");
        assertThat(browser.findElement(By.cssSelector("input[name=username]")).getAttribute("value")).startsWith("bz1.");
    }
}
