package io.troupe.data;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns {@link SourceData} into train / validation / test parts, reproducibly from one seed.
 *
 * <ul>
 *   <li>Validation is carved from the training pool only: the first round(fraction * n) rows of
 *       a seeded permutation of the pool; the rest is the training part. The test set is never
 *       mixed in.
 *   <li>Caps (null = keep all) take the first K of each part. The permutation is already
 *       random, so that is a random subset; and the validation part does not depend on the
 *       training cap, so runs with different training budgets are scored on the same examples.
 *   <li>Order: train and validation are in permutation order (shuffled, so a trainer that walks
 *       them sequentially does not see one class at a time). The test part keeps the source
 *       order; an uncapped test part is the source test set itself, so test scores compare across
 *       seeds. A test cap picks a subset with its own seeded permutation, kept in source order.
 *   <li>Scaling is fitted on the final training part only.
 * </ul>
 *
 * Argument problems are reported with the YAML config paths users set them through.
 */
public final class DataSplitter {
  // Sub-streams of the seed, so the test subset does not shift when the validation split does.
  private static final long VALIDATION_STREAM = 101;
  private static final long TEST_STREAM = 102;

  private DataSplitter() {}

  /**
   * Splits {@code source}.
   *
   * @param validationFraction share of the training pool held out for validation, in [0, 1)
   * @param trainCap at most this many training examples (null = all)
   * @param validationCap at most this many validation examples (null = all)
   * @param testCap at most this many test examples (null = all)
   */
  public static DataSplits split(SourceData source, double validationFraction, Integer trainCap,
      Integer validationCap, Integer testCap, Scaling scaling, long seed) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scaling, "scaling");
    SplitPlan plan = plan(source.train().size(), source.test().size(),
        validationFraction, trainCap, validationCap, testCap);
    Dataset pool = source.train();
    int[] perm = poolPermutation(pool.size(), seed);
    Dataset validation = pool.select(
        Arrays.copyOfRange(perm, 0, plan.validationKept()), pool.name() + "#validation");
    Dataset train = pool.select(
        Arrays.copyOfRange(perm, plan.validationSize(), plan.validationSize() + plan.trainKept()),
        pool.name() + "#train");
    Dataset test = testPart(source.test(), plan.testKept(), seed);
    String sourceFingerprint =
        Fingerprints.combine(source.train().fingerprint(), source.test().fingerprint());
    return new DataSplits(train, validation, test, FeatureTransform.fit(scaling, train),
        sourceFingerprint);
  }

  /**
   * The sizes of each part of a pool of {@code poolSize} training rows and {@code testSize} test
   * rows, checked (bad arguments are {@link InvalidInputException}s naming the config field).
   */
  public static SplitPlan plan(int poolSize, int testSize, double validationFraction, Integer trainCap,
      Integer validationCap, Integer testCap) {
    SplitPlan plan = new SplitPlan(poolSize, testSize, validationFraction, trainCap, validationCap, testCap);
    plan.validate();
    return plan;
  }

  /**
   * The seeded order of the training pool that the split takes its parts from: validation is its
   * first {@link SplitPlan#validationKept()} rows, training the {@link SplitPlan#trainKept()} from
   * {@link SplitPlan#validationSize()} on. A split that never holds the pool (a partitioned spark
   * source) takes the same rows by the same rule.
   */
  public static int[] poolPermutation(int poolSize, long seed) {
    return Shuffles.permutation(poolSize, Seeds.derive(seed, VALIDATION_STREAM));
  }

  /** The test part: the whole test set, or a seeded subset of {@code kept} rows in source order. */
  public static Dataset testPart(Dataset test, int kept, long seed) {
    if (kept == test.size()) {
      return test;
    }
    int[] rows = Arrays.copyOf(Shuffles.permutation(test.size(), Seeds.derive(seed, TEST_STREAM)), kept);
    Arrays.sort(rows);
    return test.select(rows, test.name() + "#subset");
  }

  /** The sizes of each part, and the argument checks that need them. */
  public record SplitPlan(int poolSize, int testSize, double validationFraction,
      Integer trainCap, Integer validationCap, Integer testCap) {

    /** The pool rows set aside for validation (the cap may keep fewer). */
    public int validationSize() {
      return (int) Math.round(validationFraction * poolSize);
    }

    int trainSize() {
      return poolSize - validationSize();
    }

    public int validationKept() {
      return validationCap == null ? validationSize() : validationCap;
    }

    public int trainKept() {
      return trainCap == null ? trainSize() : trainCap;
    }

    public int testKept() {
      return testCap == null ? testSize : testCap;
    }

    private void validate() {
      List<String> problems = new ArrayList<>();
      if (!(validationFraction >= 0 && validationFraction < 1)) {
        problems.add("data.validation: must be in [0, 1), got " + validationFraction);
        throw new InvalidInputException(problems); // every size below depends on it
      }
      if (trainSize() == 0) {
        problems.add("data.validation: " + validationFraction + " of " + poolSize
            + " training examples leaves none to train on");
      }
      checkCap("data.subset.train", trainCap, trainSize(),
          "training examples left after the validation split", problems);
      checkCap("data.subset.validation", validationCap, validationSize(),
          "validation examples (data.validation = " + validationFraction + " of " + poolSize
              + ")", problems);
      checkCap("data.subset.test", testCap, testSize, "test examples", problems);
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
    }

    private static void checkCap(String path, Integer cap, int available, String what,
        List<String> problems) {
      if (cap == null) {
        return;
      }
      if (cap < 1) {
        problems.add(path + ": must be >= 1 (or absent for all), got " + cap);
      } else if (cap > available) {
        problems.add(path + ": " + cap + " exceeds the " + available + " " + what);
      }
    }
  }
}
