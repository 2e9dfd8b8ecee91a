package io.troupe.train;

import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * What early stopping carries from one ASHA rung to the next, kept beside the checkpoint the next
 * rung continues: the best watched value and its epoch, the epochs since, where that epoch's weights
 * are (the model artifact of the rung that reached them) and its training figures. So patience
 * counts across rungs and the last rung can restore a best epoch an earlier rung reached.
 */
record StoppingCarry(double best, int bestEpoch, int sinceBest, String bestModelKey, double bestTrainLoss,
    double bestTrainAccuracy) {

  static String key(String checkpointKey) {
    return checkpointKey + ".early-stopping";
  }

  void write(ArtifactStore store, String checkpointKey) {
    Properties p = new Properties();
    p.setProperty("best", Double.toString(best));
    p.setProperty("bestEpoch", Integer.toString(bestEpoch));
    p.setProperty("sinceBest", Integer.toString(sinceBest));
    p.setProperty("bestModelKey", bestModelKey);
    p.setProperty("bestTrainLoss", Double.toString(bestTrainLoss));
    p.setProperty("bestTrainAccuracy", Double.toString(bestTrainAccuracy));
    StringWriter text = new StringWriter();
    try {
      p.store(text, null);
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      store.write(key(checkpointKey), out -> out.write(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + store.describe(key(checkpointKey)), e);
    }
  }

  /** The state saved beside {@code checkpointKey}; empty for a checkpoint saved without early stopping. */
  static Optional<StoppingCarry> read(ArtifactStore store, String checkpointKey) {
    String key = key(checkpointKey);
    try {
      if (!store.exists(key)) {
        return Optional.empty();
      }
      Properties p = new Properties();
      try (var in = store.open(key)) {
        p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
      return Optional.of(new StoppingCarry(Double.parseDouble(p.getProperty("best")),
          Integer.parseInt(p.getProperty("bestEpoch")), Integer.parseInt(p.getProperty("sinceBest")),
          p.getProperty("bestModelKey"), Double.parseDouble(p.getProperty("bestTrainLoss")),
          Double.parseDouble(p.getProperty("bestTrainAccuracy"))));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read early-stopping state " + store.describe(key), e);
    }
  }
}
