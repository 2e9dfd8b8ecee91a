package io.troupe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Optuna's results for bench-search, as deploy/bench/optuna_search.py writes them:
 * {@code {optuna_version, seeds, budgets, functions: {function: {sampler: {"50": [regret per seed],
 * "100": [...], median: {...}}}}}}, samplers named as {@link io.troupe.search.bench.SearchMethod}'s
 * labels. The medians are for people; bench-search takes the per-seed regrets, so both sides'
 * medians and quartiles are computed alike.
 */
record OptunaSearchFile(Path file, String version, int seeds, JsonNode functions) {

  static OptunaSearchFile read(Path file, List<Integer> budgets) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException("bench-search: cannot read Optuna's results " + file + ": " + e.getMessage()
          + " (write them with deploy/bench/optuna_search.py --out " + file + ")");
    }
    if (root == null || !root.path("functions").isObject() || !root.path("seeds").canConvertToInt()) {
      throw new InvalidInputException("bench-search: " + file + " is not deploy/bench/optuna_search.py's output"
          + " (no \"functions\" or \"seeds\")");
    }
    for (int b : budgets) {
      boolean has = false;
      for (JsonNode n : root.path("budgets")) {
        has |= n.asInt() == b;
      }
      if (!has) {
        throw new InvalidInputException("bench-search: " + file + " has no results at " + b + " trials (budgets "
            + root.path("budgets") + "); rerun deploy/bench/optuna_search.py");
      }
    }
    return new OptunaSearchFile(file, root.path("optuna_version").asText("?"), root.path("seeds").asInt(),
        root.path("functions"));
  }

  /** Regret per seed of {@code sampler} on {@code function} after {@code budget} trials; null if the file has none. */
  double[] regrets(String function, String sampler, int budget) {
    JsonNode list = functions.path(function).path(sampler).path(Integer.toString(budget));
    if (!list.isArray() || list.isEmpty()) {
      return null;
    }
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).asDouble();
    }
    return values;
  }
}
