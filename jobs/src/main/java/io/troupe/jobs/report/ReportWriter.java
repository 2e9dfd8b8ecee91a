package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
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
  public record Outcome(Path file, int charts, List<String> absent, List<String> warnings) {
    public Outcome {
      absent = List.copyOf(absent);
      warnings = List.copyOf(warnings);
    }
  }

  public Outcome write(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + (Files.exists(dir) ? ": not a directory" : ": no such directory")
          + "; expected an experiment's output directory <out>/<name>/");
    }
    List<ReportInput> present = Arrays.stream(ReportInput.values()).filter(i -> Files.isRegularFile(i.in(dir))).toList();
    if (present.isEmpty()) {
      throw new InvalidInputException(dir + ": nothing to report; expected at least one of "
          + Arrays.stream(ReportInput.values()).map(ReportInput::described).collect(Collectors.joining(", ")));
    }
    List<Section> sections = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (ReportInput input : present) {
      sections.add(section(input, input.in(dir), warnings));
    }
    List<String> absent = Arrays.stream(ReportInput.values()).filter(i -> !present.contains(i))
        .map(ReportInput::described).toList();
    Path last = dir.toAbsolutePath().normalize().getFileName();
    String name = last == null ? dir.toString() : last.toString();
    Path file = dir.resolve(FILE);
    Files.writeString(file, HtmlReport.render(name, clock.instant(), sections, absent), StandardCharsets.UTF_8);
    return new Outcome(file, sections.stream().mapToInt(Section::charts).sum(), absent, warnings);
  }

  private static Section section(ReportInput input, Path file, List<String> warnings) throws IOException {
    return switch (input) {
      case COMPARISON -> ComparisonSection.of(Comparison.read(file));
      case MEMBERS_CURVE -> MembersCurveSection.of(MembersCurve.read(file));
      case TRIALS -> {
        TrialsLog log = TrialsLog.read(file);
        warnings.addAll(log.warnings());
        yield TrialsSection.of(log);
      }
    };
  }
}
