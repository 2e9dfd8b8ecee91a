package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ensemble --from-sweep} on a real sweep (local Spark, synthetic data): ensembles of the
 * stored trials, no training, greedy selection chosen on validation and never worse there than the
 * best trial it starts from; an ASHA sweep's last rungs only; no sweep is a clear refusal.
 */
class FromSweepCommandTest {
  @TempDir Path dir;

  private static final String CONFIG = """
      name: pool
      seed: 11
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 600, testSize: 300, features: 10, classes: 4, clusterStd: 3.0}}
      model: {hidden: [16], activation: tanh, init: xavier}
      train: {epochs: 3, batchSize: 50, optimizer: {lr: 0.01}, monitor: {enabled: false}}
      search: {strategy: random, trials: 6, space: {train.optimizer.lr: {logUniform: [0.001, 0.1]}, model.dropout: {uniform: [0.0, 0.3]}}}
      ensemble: {combiners: [average, vote, parameter-average], selection: {topK: 3, steps: 8, bags: 4}}
      spark: {slots: 2, conf: {spark.ui.enabled: "false"}}
      """;

  private String[] out = new String[2];

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = new String[] {r.out(), r.err()};
    return r.code();
  }

  private static Map<String, String[]> rows(String csv) {
    return csv.lines().skip(1).map(l -> l.split(",", -1))
        .collect(Collectors.toMap(c -> c[0] + "/" + c[1], c -> c));
  }

  @Test
  void aFinishedSweepsTrialsAreEnsembledFromTheirStoredPredictions() throws IOException {
    Path config = Files.writeString(dir.resolve("pool.yaml"), CONFIG);
    String outDir = dir.resolve("out").toString();
    assertEquals(2, run("ensemble", config.toString(), "--from-sweep", "--out", outDir), "no sweep yet: " + out[1]);
    assertTrue(out[1].contains("run.json is missing") && out[1].contains("sweep"), out[1]);

    assertEquals(0, run("sweep", "--master", "local[2]", config.toString(), "--out", outDir), out[1]);
    // Every run writes its report and says where, last.
    List<String> printed = out[0].lines().toList();
    assertEquals("report: " + dir.resolve("out/pool/report.html"), printed.get(printed.size() - 1), out[0]);
    assertTrue(Files.readString(dir.resolve("out/pool/report.html")).contains("<html"), "a report page");
    assertFalse(Files.readString(dir.resolve("out/pool/report.html")).contains("http-equiv=\"refresh\""),
        "the final page does not reload itself, as the live one did");
    long trialsBefore = Files.readAllLines(dir.resolve("out/pool/trials.jsonl")).size();
    assertEquals(0, run("ensemble", config.toString(), "--from-sweep", "--out", outDir), out[1]);
    assertEquals(trialsBefore, Files.readAllLines(dir.resolve("out/pool/trials.jsonl")).size(), "nothing trained");
    assertTrue(out[0].contains("greedy selection weights:") && out[0].contains("6 completed trials were candidates"),
        out[0]);
    assertEquals(0, run("ensemble", config.toString(), "--set", "ensemble.source=sweep", "--out", outDir), out[1]);
    assertTrue(out[0].contains("greedy selection weights:"), "ensemble.source: sweep is --from-sweep: " + out[0]);
    assertEquals(trialsBefore, Files.readAllLines(dir.resolve("out/pool/trials.jsonl")).size(), "nothing trained");

    Map<String, String[]> rows = rows(Files.readString(dir.resolve("out/pool/selection/selection.csv")));
    assertEquals(java.util.Set.of("best-trial/-", "top-3/average", "top-3/vote", "selection/weighted-average",
        "selection-bagged/weighted-average", "negative-control-3/parameter-average"), rows.keySet());
    assertTrue(out[0].contains("parameter-average: refused as an ensemble of a sweep's trials"), out[0]);
    assertTrue(Files.exists(dir.resolve("out/pool/artifacts/selection/negative-control-parameter-average.zip")));
    assertEquals("3", rows.get("top-3/average")[2], "members");
    assertEquals(9.0, Double.parseDouble(rows.get("top-3/average")[3]), "compute already spent: 3 trials x 3 epochs");

    List<String> steps = Files.readAllLines(dir.resolve("out/pool/selection/selection-steps.csv"));
    assertEquals("step,added,members,validation_objective,test_accuracy", steps.get(0));
    assertEquals(1 + 1 + 8, steps.size(), "the initial member and 8 additions");
    double[] validation = steps.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[3])).toArray();
    for (int i = 1; i < validation.length; i++) {
      // Each addition is the best available, so the validation objective never falls below the start.
      assertTrue(validation[i] >= validation[0] - 1e-12, Arrays.toString(validation));
    }
    assertTrue(Files.readString(dir.resolve("out/pool/selection/selection.md")).startsWith("| strategy |"));
    byte[] png = Files.readAllBytes(dir.resolve("out/pool/selection/selection-steps.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG chart of the steps");

    // Every row with its intervals; every row but the best trial tested against it.
    List<String> header = List.of(Files.readAllLines(dir.resolve("out/pool/selection/selection.csv")).get(0).split(","));
    String[] best = rows.get("best-trial/-");
    String[] top = rows.get("top-3/average");
    double low = Double.parseDouble(top[header.indexOf("accuracy_low")]);
    double high = Double.parseDouble(top[header.indexOf("accuracy_high")]);
    double accuracy = Double.parseDouble(top[header.indexOf("accuracy")]);
    assertTrue(low <= accuracy && accuracy <= high, low + " " + accuracy + " " + high);
    assertEquals("", best[header.indexOf("accuracy_p")], "the baseline is not tested against itself");
    double p = Double.parseDouble(top[header.indexOf("accuracy_p")]);
    assertTrue(p > 0 && p <= 1, "p = " + p);
    assertTrue(out[0].contains("accuracy against best-trial (the same test examples, McNemar's exact test)"), out[0]);
    // The sweep's report is rewritten with the selection, its path printed last.
    List<String> lines = out[0].lines().toList();
    assertEquals("report: " + dir.resolve("out/pool/report.html"), lines.get(lines.size() - 1), out[0]);
    assertTrue(Files.readString(dir.resolve("out/pool/report.html"))
        .contains("<h2>Ensembles from the sweep (selection/selection.csv)</h2>"));
  }

  @Test
  void anAshaSweepContributesEachTrialsLastRungAndSaysWhatItSkipped() throws IOException {
    Path config = Files.writeString(dir.resolve("pool.yaml"), CONFIG.replace(
        "search: {strategy: random, trials: 6,", "search: {strategy: asha, trials: 6, asha: {minEpochs: 1, maxEpochs: 3, reduction: 3},"));
    String outDir = dir.resolve("out").toString();
    assertEquals(0, run("sweep", "--master", "local[2]", config.toString(), "--out", outDir), out[1]);
    assertEquals(0, run("ensemble", config.toString(), "--from-sweep", "--out", outDir), out[1]);
    // Every trial once, a promoted one at its last rung; its earlier rungs are the ones skipped.
    long segments = Files.readAllLines(dir.resolve("out/pool/trials.jsonl")).stream()
        .filter(l -> l.contains("\"status\":\"COMPLETED\"")).count();
    assertTrue(segments > 6, "some trials were promoted");
    assertTrue(out[0].contains("6 completed trials were candidates; " + (segments - 6) + " ended trials were skipped"),
        out[0]);
    Map<String, String[]> rows = rows(Files.readString(dir.resolve("out/pool/selection/selection.csv")));
    // A promoted trial's compute is every epoch of its lineage (rung 0's and its continuation's).
    double best = Double.parseDouble(rows.get("best-trial/-")[3]);
    assertTrue(best == 1.0 || best == 3.0, "1 epoch at rung 0, 3 at the last rung: " + best);
  }
}
