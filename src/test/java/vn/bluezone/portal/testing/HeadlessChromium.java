package vn.bluezone.portal.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium driven through Debian's ChromeDriver, headless, with no network beyond the portal. */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * @param width window width in CSS pixels (a phone is 320–414)
     * @param userAgent the phone to pretend to be
     * @param acceptLanguage the browser's language preference
     * @param scriptsAndCookies false to block JavaScript and cookies, as some captive mini-browsers do
     */
    public static ChromeDriver start(int width, String userAgent, String acceptLanguage, boolean scriptsAndCookies) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium is not installed: run src/test/testbed/install-test-deps.sh as root");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=" + width + ",900", "--user-agent=" + userAgent);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", acceptLanguage);
        if (!scriptsAndCookies) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
            prefs.put("profile.default_content_setting_values.cookies", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        options.setExperimentalOption("excludeSwitches", List.of("enable-automation"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // Headless windows have a minimum width; emulate the phone's viewport exactly instead.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        return driver;
    }

    /** Waits until the browser's address satisfies {@code condition}; fails with the last address after {@code timeout}. */
    public static void awaitUrl(ChromeDriver browser, Predicate<String> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = browser.getCurrentUrl();
        while (!condition.test(url)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the browser stayed at " + url + " for " + timeout);
            }
            Thread.sleep(100);
            url = browser.getCurrentUrl();
        }
    }

    /** Waits until an element matching {@code selector} is on the page (a form post may still be loading); returns it. */
    public static WebElement awaitElement(ChromeDriver browser, By selector, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<WebElement> found = browser.findElements(selector);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + selector + " at " + browser.getCurrentUrl() + " after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
