package io.troupe.ensemble;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.Direction;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.eval.Predictions;
import io.troupe.search.Ranking;
import io.troupe.train.BatchNormRefresher;
import io.troupe.train.BatchSource;
import io.troupe.train.Evaluator;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.troupe.api.InputLayout;
import io.troupe.model.Network;

/**
 * Work on saved members that needs a network, run where the data is (an executor): scoring
 * saved models, averaging their parameters with batch-norm statistics re-estimated on the
 * training part, and the greedy soup.
 */
public final class MemberScoring {
  private final ArtifactStore store;
  private final BatchSource train;
  private final BatchSource validation;
  private final BatchSource test;
  private final InputLayout layout;

  /**
   * @param scoreTest false leaves test predictions null, for a test part too large for one task
   *     (the driver scores it distributed from the saved model instead)
   */
  public MemberScoring(ArtifactStore store, DataSplits splits, boolean scoreTest, InputLayout layout) {
    this.store = store;
    this.layout = layout;
    this.train = new BatchSource(splits.train(), splits.transform(), null);
    this.validation = new BatchSource(splits.validation(), splits.transform(), null);
    this.test = scoreTest ? new BatchSource(splits.test(), splits.transform(), null) : null;
  }

  /** Each saved model's validation and test predictions, in the order given. */
  public List<ScoredModel> score(List<String> keys) {
    List<ScoredModel> out = new ArrayList<>();
    for (String key : keys) {
      out.add(score(key, load(key)));
    }
    return out;
  }

  /**
   * The mean of the saved models' parameters, batch-norm statistics re-estimated with one pass
   * over the training part, saved under {@code saveKey} and scored.
   */
  public ScoredModel average(List<String> keys, String saveKey) {
    ParameterAverage average = new ParameterAverage();
    keys.forEach(k -> average.add(load(k)));
    return finish(average, saveKey);
  }

  /**
   * Greedy soup (Wortsman et al., 2022): ingredients ranked by their own validation score, best
   * first (ties by key, see {@link Ranking}); each joins the soup if the averaged parameters (batch
   * norm re-estimated) score at least as well on validation. With no validation part every
   * ingredient joins.
   */
  public Soup greedySoup(List<String> keys, String saveKey) {
    Map<String, Double> alone = new HashMap<>();
    score(keys).forEach(m -> alone.put(m.key(), validationScore(m.validation())));
    List<String> ranked = keys.stream().sorted(Ranking.bestFirst(Direction.MAXIMIZE, alone::get, k -> k)).toList();
    ParameterAverage soup = new ParameterAverage().add(load(ranked.get(0)));
    List<String> ingredients = new ArrayList<>(List.of(ranked.get(0)));
    double best = alone.get(ranked.get(0));
    for (String candidate : ranked.subList(1, ranked.size())) {
      ParameterAverage tried = soup.with(load(candidate));
      double score = validationScore(Evaluator.predict(refreshed(tried), validation));
      if (score >= best || validation.size() == 0) {
        soup = tried;
        best = score;
        ingredients.add(candidate);
      }
    }
    return new Soup(finish(soup, saveKey), ingredients);
  }

  /** A greedy soup and the keys of the members that went into it, in the order they joined. */
  public record Soup(ScoredModel model, List<String> ingredients) implements Serializable {}

  private ScoredModel finish(ParameterAverage average, String saveKey) {
    Network net = refreshed(average);
    try {
      ModelArtifacts.save(store, saveKey, net, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + store.describe(saveKey), e);
    }
    return score(saveKey, net);
  }

  private Network refreshed(ParameterAverage average) {
    Network net = average.result();
    BatchNormRefresher.refresh(net, train);
    return net;
  }

  private ScoredModel score(String key, Network net) {
    return new ScoredModel(key, Evaluator.predict(net, validation), test == null ? null : Evaluator.predict(net, test));
  }

  /** Higher is better: accuracy, or minus the MSE for regression; 0 without a validation part. */
  private double validationScore(Predictions p) {
    Dataset data = validation.data();
    if (data.size() == 0) {
      return 0;
    }
    double headline = EnsembleFigures.headline(p, data);
    return data.task() == Task.REGRESSION ? -headline : headline;
  }

  private Network load(String key) {
    try {
      return ModelArtifacts.load(store, key, layout, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
