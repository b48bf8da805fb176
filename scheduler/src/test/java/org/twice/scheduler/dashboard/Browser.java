package org.twice.scheduler.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with nothing downloaded: both come
 * from the packages {@code chromium} and {@code chromium-driver}. Where they are missing the test
 * is skipped on a developer's machine and fails on CI (CI=true), which installs them. Close it.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser start() throws IOException {
    requireChromium();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("twice-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1100",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  /** Opens a page and waits until it has drawn itself from the dashboard's data. */
  void open(String url) {
    driver.get(url);
    new WebDriverWait(driver, PAGE_DEADLINE)
        .until(
            d ->
                Integer.parseInt(
                        String.valueOf(script("return document.body.dataset.renders || 0")))
                    > 0);
  }

  Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Waits until a script returns true. */
  void await(String javascript) {
    new WebDriverWait(driver, PAGE_DEADLINE).until(d -> Boolean.TRUE.equals(script(javascript)));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Saves a picture of the whole page, not only of the window, under target/screenshots. */
  void screenshot(String name) throws IOException {
    Dimension window = driver.manage().window().getSize();
    long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(window.getWidth(), (int) height + 150));

    byte[] png = driver.getScreenshotAs(OutputType.BYTES);

    driver.manage().window().setSize(window);
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
    }
  }

  private static void requireChromium() {
    List<Path> missing =
        List.of(CHROMIUM, CHROMEDRIVER).stream().filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "the browser tests need "
            + missing
            + ": apt-get install chromium chromium-driver (.ci/run installs them on CI)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }
}
