package io.troupe.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.config.binding.ConfigField;
import io.troupe.config.binding.ConfigSchema;
import io.troupe.config.binding.Problems;
import java.util.List;

/**
 * PBT's settings against the rest of the config: each mutable path is a setting PBT can perturb
 * (a search.space dimension, or a nonzero number in the config), generations fit in train.epochs,
 * and early stopping, which would end members PBT continues, is off.
 */
final class PbtChecks {
  private PbtChecks() {}

  static void check(ExperimentSpec spec, Problems problems) {
    if (spec.search().strategy() != SearchStrategy.PBT) {
      return;
    }
    PbtSpec pbt = spec.search().pbt();
    List<String> mutable = pbt.mutable();
    for (int i = 0; i < mutable.size(); i++) {
      String problem = pathProblem(spec, mutable.get(i));
      if (problem != null) {
        problems.add("search.pbt.mutable[" + i + "]", problem);
      } else if (mutable.indexOf(mutable.get(i)) < i) {
        problems.add("search.pbt.mutable[" + i + "]", mutable.get(i) + " is listed twice");
      }
    }
    if (pbt.interval() >= spec.train().epochs()) {
      problems.add("search.pbt.interval", "must be < train.epochs (" + spec.train().epochs() + "), got "
          + pbt.interval() + ": with one generation nothing is ever copied or perturbed");
    }
    if (spec.train().earlyStopping().enabled()) {
      problems.add("train.earlyStopping", "pbt trains every member for train.epochs and replaces weak ones itself;"
          + " leave train.earlyStopping.patience null");
    }
  }

  private static String pathProblem(ExperimentSpec spec, String path) {
    if (path.equals("search") || path.startsWith("search.")) {
      return "cannot perturb the search section itself";
    }
    if (path.equals("train.epochs")) {
      return "train.epochs is each member's whole budget; it cannot be perturbed";
    }
    ConfigSchema.Resolution resolution = ConfigSchema.resolve(ExperimentSpec.class, path);
    if (!resolution.isOk()) {
      return resolution.error();
    }
    if (spec.search().space().containsKey(path)) {
      return null; // the domain bounds it (and SearchSpaceValidator checked the domain)
    }
    Class<?> raw = ConfigField.rawType(resolution.type());
    JsonNode value = ConfigTree.get(ConfigTree.of(spec), path);
    if (raw != ParamValue.class && raw != double.class && raw != Double.class && raw != int.class
        && raw != Integer.class && raw != long.class && raw != Long.class) {
      return path + " is not a number; give it a {choice: [...]} in search.space to move between its values";
    }
    if (!value.isNumber() || value.asDouble() == 0) {
      return path + " is " + (value.isNumber() ? "0" : "not a number") + " in the config, which no factor changes;"
          + " give it a nonzero value or a domain in search.space";
    }
    return null;
  }
}
