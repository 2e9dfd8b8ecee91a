package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunLock;
import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.RunStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@code <run-dir>/report.html} from the results stored in an experiment's directory
 * ({@code <out>/<name>/}): no Spark, no training. Sections whose input is absent are left out
 * and named in the header; with no input at all it is bad input.
 */
public final class ReportWriter {
  public static final String FILE = "report.html";

  private final Clock clock;

  public ReportWriter(Clock clock) {
    this.clock = clock;
  }

  /** What was written: the page, how many charts it embeds, what was absent or skipped. */
  public record Outcome(String file, int charts, List<String> absent, List<String> warnings, boolean viewRewritten) {
    public Outcome {
      absent = List.copyOf(absent);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Writes the report of the run at {@code dir} (a local path or a URI), whose files are
   * {@code files}; first rewrites the run's derived trials.jsonl from its records when it lags them
   * (a driver died before its run's end) and no live driver holds the run.
   */
  public Outcome write(String dir, ArtifactStore files) throws IOException {
    return write(dir, files, false);
  }

  /**
   * The report of a run still going, from what its records hold so far: the same page, reloading
   * itself every {@value HtmlReport#REFRESH_SECONDS} s until the run's final report replaces it.
   */
  public Outcome writeLive(String dir, ArtifactStore files) throws IOException {
    return write(dir, files, true);
  }

  private Outcome write(String dir, ArtifactStore files, boolean live) throws IOException {
    if (RunStores.isLocal(dir) && !Files.isDirectory(Path.of(dir))) {
      throw new InvalidInputException(dir + (Files.exists(Path.of(dir)) ? ": not a directory" : ": no such directory")
          + "; expected an experiment's output directory <out>/<name>/");
    }
    List<ReportInput> present = new ArrayList<>();
    for (ReportInput input : ReportInput.values()) {
      if (input.presentIn(files)) {
        present.add(input);
      }
    }
    if (present.isEmpty()) {
      throw new InvalidInputException(dir + ": nothing to report; expected at least one of "
          + Arrays.stream(ReportInput.values()).map(ReportInput::described).collect(Collectors.joining(", ")));
    }
    List<Section> sections = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    // A live page leaves the run's files to the driver writing them.
    boolean viewRewritten = !live && present.contains(ReportInput.TRIALS) && !RunLock.heldByALiveDriver(files, clock)
        && ResultStore.open(files).rewriteStaleView();
    for (ReportInput input : present) {
      sections.addAll(sections(input, files, warnings));
    }
    List<String> absent = Arrays.stream(ReportInput.values()).filter(i -> i.namedWhenAbsent && !present.contains(i))
        .map(ReportInput::described).toList();
    String trimmed = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    byte[] page = HtmlReport.render(name, clock.instant(), sections, absent, live).getBytes(StandardCharsets.UTF_8);
    files.write(FILE, out -> out.write(page));
    return new Outcome(files.describe(FILE), sections.stream().mapToInt(Section::charts).sum(), absent, warnings,
        viewRewritten);
  }

  private static List<Section> sections(ReportInput input, ArtifactStore files, List<String> warnings)
      throws IOException {
    return switch (input) {
      case COMPARISON -> List.of(ComparisonSection.of(Comparison.read(files)));
      case MEMBERS_CURVE -> {
        MembersCurve curve = MembersCurve.read(files);
        yield curve.series().isEmpty() ? List.of() : List.of(MembersCurveSection.of(curve));
      }
      case TRIALS -> {
        TrialsLog log = TrialsLog.read(files);
        warnings.addAll(log.warnings());
        RunManifest manifest = RunDirectory.readManifest(files);
        TrialRanking ranking = TrialRanking.of(log.trials(), manifest);
        List<Section> out = new ArrayList<>();
        out.add(TrialsSection.of(log, ranking));
        SearchSpaceSection.of(log.trials(), ranking, manifest).ifPresent(out::add);
        RepeatsSection.of(log.trials(), ranking).ifPresent(out::add);
        yield out;
      }
      case SELECTION -> List.of(SelectionSection.of(Selection.read(files)));
    };
  }
}
