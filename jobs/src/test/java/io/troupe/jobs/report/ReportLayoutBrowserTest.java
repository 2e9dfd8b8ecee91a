package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.jobs.ProjectRoot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a real browser lays it out, through deploy/report-screenshot.sh: headless Chromium
 * at 1280 px, no horizontal overflow, no table that needs scrolling. Runs only where a Chromium is
 * installed (the script would install one; a test must not).
 */
class ReportLayoutBrowserTest {
  private static final Path SCRIPT = ProjectRoot.get().resolve("deploy/report-screenshot.sh");

  @TempDir Path dir;

  @BeforeEach
  void needsABrowser() {
    assumeTrue(browser().isPresent(), "no chromium, chromium-browser or google-chrome on PATH: the layout check needs"
        + " a headless browser (deploy/report-screenshot.sh installs Debian's chromium)");
  }

  private static Optional<Path> browser() {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(d -> List.of("chromium", "chromium-browser", "google-chrome").stream().map(b -> Path.of(d, b)))
        .filter(Files::isExecutable).findFirst();
  }

  /** Exit code and both streams of the script. */
  private record Run(int code, String output) {}

  private Run screenshot(Path page, Path png) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(SCRIPT.toString(), page.toString(), png.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script did not end: " + output);
    return new Run(p.exitValue(), output);
  }

  @Test
  void aFullReportFitsTheWindowAndIsDrawn() throws Exception {
    ReportFixtures.testedComparison(dir);
    ReportFixtures.membersCurve(dir);
    ReportFixtures.trials(dir, ReportFixtures.sweepLines(), "");
    new ReportWriter(Clock.systemUTC()).write(dir.toString(), ReportFixtures.filesOf(dir.resolve("report.html")));
    Path png = dir.resolve("report.png");

    Run run = screenshot(dir.resolve("report.html"), png);

    assertEquals(0, run.code(), run.output());
    assertTrue(run.output().contains("layout: fits 1280 px"), run.output());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    assertTrue(image.getHeight() > 2000, "the whole page, not the first screen: " + image.getHeight());
  }

  @Test
  void somethingWiderThanTheWindowFailsTheCheckAndIsNamed() throws Exception {
    Path page = Files.writeString(dir.resolve("wide.html"), "<!DOCTYPE html><html><body><section id=\"comparison\">"
        + "<table class=\"data\"><tr><td style=\"min-width: 2000px\">too wide</td></tr></table></section></body></html>");

    Run run = screenshot(page, dir.resolve("wide.png"));

    assertEquals(1, run.code(), run.output());
    assertTrue(run.output().contains("layout: the page is"), run.output());
    assertTrue(run.output().contains("table.data in #comparison reaches"), run.output());
  }
}
