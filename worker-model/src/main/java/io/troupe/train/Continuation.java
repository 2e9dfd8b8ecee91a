package io.troupe.train;

import io.troupe.InvalidInputException;
import io.troupe.model.Network;
import java.util.List;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trial that continues a checkpoint trains the network its own config builds, holding the
 * checkpoint's weights, optimiser state and epoch and iteration counts. A DL4J restore alone would
 * keep the hyperparameters the checkpoint was saved with (learning rate and schedule, L1/L2,
 * dropout, momentum), and PBT continues members with perturbed ones.
 */
final class Continuation {
  private Continuation() {}

  /**
   * {@code built} with the state of {@code saved}; {@code from} names the checkpoint in messages.
   * Refuses a config whose network or optimiser state has another shape than the checkpoint's.
   */
  static Network of(Network saved, Network built, String from) {
    long savedParams = saved.params().length();
    long builtParams = built.params().length();
    if (savedParams != builtParams) {
      throw new InvalidInputException("cannot continue " + from + ": it has " + savedParams + " parameters, but this"
          + " trial's config builds a network of " + builtParams + "; a continued trial may change hyperparameters,"
          + " not the network's shape");
    }
    if (!layout(saved.updater()).equals(layout(built.updater()))) {
      throw new InvalidInputException("cannot continue " + from + ": its optimiser state is laid out unlike this"
          + " trial's (train.optimizer.type or per-layer updater settings differ); a continued trial may change"
          + " hyperparameters, not the optimiser");
    }
    built.setParams(saved.params());
    INDArray state = saved.updater().getStateViewArray();
    if (state != null) {
      built.updater().setStateViewArray(state);
    }
    built.setCounts(saved.epochCount(), saved.iterationCount());
    return built;
  }

  /** Where each block of parameters keeps its state in the updater's flat array. */
  private static List<List<Integer>> layout(BaseMultiLayerUpdater<?> updater) {
    return updater.getUpdaterBlocks().stream()
        .map((UpdaterBlock b) -> List.of(b.getParamOffsetStart(), b.getParamOffsetEnd(), b.getUpdaterViewOffsetStart(),
            b.getUpdaterViewOffsetEnd()))
        .toList();
  }
}
