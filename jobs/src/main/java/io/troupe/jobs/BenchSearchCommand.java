package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.jobs.bench.BenchFigure;
import io.troupe.jobs.bench.BenchJson;
import io.troupe.search.bench.MedianRatio;
import io.troupe.search.bench.Quartiles;
import io.troupe.search.bench.RegretRun;
import io.troupe.search.bench.SearchMethod;
import io.troupe.search.bench.TestFunction;
import io.troupe.search.bench.TestFunctions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Search quality, in-process (no Spark, no training): random search and TPE (multivariate and
 * independent) on the benchmark functions ({@link TestFunctions}), seeds 0..n-1, sequential asks
 * with nothing pending; the median simple regret and its quartiles after 50 and 100 trials. Given
 * Optuna's results for the same functions and budgets (deploy/bench/optuna_search.py), prints them
 * beside Troupe's, with the ratio Troupe / Optuna per function and search and its bootstrap
 * interval over seeds (target at 100 trials: TPE's ratio at most 1), using Optuna's number of seeds
 * so both sides have as many runs. Every draw is seeded: a rerun prints the same figures.
 */
final class BenchSearchCommand implements Command {
  static final int SEEDS = 100;
  static final List<Integer> BUDGETS = List.of(50, 100);
  /** The budget the target is read at. */
  static final int TARGET_BUDGET = 100;

  @Override
  public String name() {
    return "bench-search";
  }

  @Override
  public String summary() {
    return "search quality: median regret of random and TPE search on test functions, beside Optuna's; no Spark";
  }

  @Override
  public String arguments() {
    return "[optuna-search.json]";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.JSON);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe bench-search",
        "troupe bench-search out/optuna-search.json --json out/bench-search.json");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    if (args.positionals().size() > 1) {
      throw new InvalidInputException("bench-search: expected at most one Optuna results file, got "
          + args.positionals().size() + "; usage: troupe bench-search [optuna-search.json]");
    }
    OptunaSearchFile optuna = args.positionals().isEmpty() ? null
        : OptunaSearchFile.read(Path.of(args.positionals().get(0)), BUDGETS);
    int seeds = optuna != null ? optuna.seeds() : SEEDS;
    out.printf("bench-search: median simple regret [q1, q3] over seeds 0..%d, sequential trials%s%n", seeds - 1,
        optuna == null ? "" : "; Optuna " + optuna.version() + " from " + optuna.file());
    out.println(row("function", "trials", "search", "Troupe", optuna == null ? null : "Optuna",
        "Troupe/Optuna [90% bootstrap interval]"));
    List<BenchFigure> figures = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    for (TestFunction f : TestFunctions.all()) {
      for (SearchMethod method : SearchMethod.values()) {
        double[][] regrets = regrets(method, f, seeds);
        for (int b = 0; b < BUDGETS.size(); b++) {
          int budget = BUDGETS.get(b);
          Quartiles troupe = Quartiles.of(regrets[b]);
          double[] peerRegrets = optuna == null ? null : optuna.regrets(f.name(), method.label(), budget);
          Quartiles peer = peerRegrets == null ? null : Quartiles.of(peerRegrets);
          BenchFigure median = BenchFigure.against(f.name() + " " + method.label() + " median regret, " + budget
              + " trials", troupe.median(), "regret", peerName(optuna, method), peer == null ? Double.NaN : peer.median());
          figures.add(median);
          figures.add(BenchFigure.against(f.name() + " " + method.label() + " regret IQR, " + budget + " trials",
              troupe.iqr(), "regret", peerName(optuna, method), peer == null ? Double.NaN : peer.iqr()));
          MedianRatio ratio = peer == null ? null : MedianRatio.of(regrets[b], peerRegrets, 0.9);
          out.println(row(f.name(), Integer.toString(budget), method.label(), text(troupe),
              peer == null ? null : text(peer), peer == null ? null : text(ratio)));
          if (peer != null && budget == TARGET_BUDGET && method != SearchMethod.RANDOM) {
            verdicts.add(verdict(f, method, ratio, troupe, peer));
          }
        }
      }
    }
    if (!verdicts.isEmpty()) {
      out.printf("Troupe TPE / Optuna TPE, median regret at %d trials (target <= 1.0), with the ratio's 90%%"
          + " bootstrap interval over seeds:%n", TARGET_BUDGET);
      verdicts.forEach(out::println);
    }
    if (args.json() != null) {
      BenchJson.write(args.json(), figures);
    }
    return TroupeMain.OK;
  }

  private static String verdict(TestFunction f, SearchMethod method, MedianRatio r, Quartiles troupe, Quartiles optuna) {
    String chance = r.low() <= 1 && 1 <= r.high() ? "; the interval holds 1" : "";
    return String.format("  %-17s %-17s %s  %s", f.name(), method.label(), text(r), r.ratio() <= 1 ? "met" + chance
        : "NOT met: Troupe's median regret " + num(troupe.median()) + " vs Optuna's " + num(optuna.median()) + chance);
  }

  /** regrets[b][s]: seed s's regret after BUDGETS[b] trials. */
  private static double[][] regrets(SearchMethod method, TestFunction f, int seeds) {
    int[] budgets = BUDGETS.stream().mapToInt(Integer::intValue).toArray();
    double[][] regrets = new double[budgets.length][seeds];
    for (int s = 0; s < seeds; s++) {
      double[] r = RegretRun.run(method, f, s, budgets);
      for (int b = 0; b < budgets.length; b++) {
        regrets[b][s] = r[b];
      }
    }
    return regrets;
  }

  private static String peerName(OptunaSearchFile optuna, SearchMethod method) {
    String sampler = switch (method) {
      case RANDOM -> "RandomSampler";
      case TPE_INDEPENDENT -> "TPESampler()";
      case TPE_MULTIVARIATE -> "TPESampler(multivariate=True)";
    };
    return "Optuna " + (optuna == null ? "" : optuna.version() + " ") + sampler;
  }

  private static String text(Quartiles q) {
    return num(q.median()) + " [" + num(q.q1()) + ", " + num(q.q3()) + "]";
  }

  /** A table row; without Optuna's figures ({@code peer} null) it stops after Troupe's. */
  private static String row(String function, String trials, String search, String troupe, String peer, String ratio) {
    String mine = String.format("%-17s %6s  %-17s ", function, trials, search);
    return peer == null ? mine + troupe : mine + String.format("%-30s %-30s %s", troupe, peer, ratio);
  }

  private static String text(MedianRatio r) {
    return String.format("%.2f [%.2f, %.2f]", r.ratio(), r.low(), r.high());
  }

  private static String num(double v) {
    return String.format("%.3g", v);
  }
}
