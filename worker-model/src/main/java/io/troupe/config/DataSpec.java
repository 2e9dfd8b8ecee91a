package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;
import io.troupe.data.Scaling;
import io.troupe.data.Task;

/** Where the examples come from and how they are split, subset and scaled. */
@Doc("Where the examples come from and how they are split, subset and scaled.")
public record DataSpec(
    @Doc("Data source: fashion-mnist, idx, csv, libsvm, spark (any table Spark reads) or synthetic.")
    @Default("fashion-mnist") DataSource source,
    @Doc("classification (class labels) or regression (one real target). fashion-mnist and idx are classification.")
    @Default("classification") Task task,
    @Doc("Directory holding the four Fashion-MNIST IDX .gz files (source fashion-mnist). null means /usr/share/datasets/fashion-mnist, installed by deploy/install-data.sh.")
    @Default("null") String path,
    @Doc("Files for source idx (MNIST-format, gzip or raw).")
    @Default("null") IdxFilesSpec idx,
    @Doc("Files and format for source csv.")
    @Default("null") CsvSpec csv,
    @Doc("Files for source libsvm.")
    @Default("null") LibSvmSpec libsvm,
    @Doc("Table, columns and reader options for source spark, read through the command's Spark session.")
    @Default("null") SparkSourceSpec spark,
    @Doc("Generator settings for source synthetic (seeded by the data seed).")
    SyntheticSpec synthetic,
    @Doc("Fraction of the training file held out as the validation set, chosen with the data seed. The test set is never used to choose anything.")
    @Default("0.1") @Min(0) @Max(value = 1, exclusive = true) double validation,
    @Doc("Caps on the size of each part, for fast feedback (seed 001: 1,000 train, 100 validation). null keeps all.")
    SubsetSpec subset,
    @Doc("Feature scaling, fitted on the training part only: none, unit ([0,1]; pixels / 255, else per-feature min-max) or standardize (per-feature mean 0, std 1).")
    @Default("unit") Scaling scaling,
    @Doc("Seed for the validation split and subsets. null uses the experiment seed. Trials share it, so they all see the same split.")
    @Default("null") Long seed)
    implements CrossChecked {

  @Override
  public void crossCheck(Checks checks) {
    requireBlockFor(checks, DataSource.IDX, "idx", idx != null);
    requireBlockFor(checks, DataSource.CSV, "csv", csv != null);
    requireBlockFor(checks, DataSource.LIBSVM, "libsvm", libsvm != null);
    requireBlockFor(checks, DataSource.SPARK, "spark", spark != null);
    if (path != null && source != DataSource.FASHION_MNIST) {
      checks.fail("path", "only used by source fashion-mnist, but data.source is " + source.configName()
          + "; put file paths in data." + source.configName());
    }
    if ((source == DataSource.FASHION_MNIST || source == DataSource.IDX) && task == Task.REGRESSION) {
      checks.fail("task", "source " + source.configName() + " has class labels; regression needs csv, libsvm, spark or synthetic");
    }
    if (spark != null && task == Task.REGRESSION) {
      if (spark.classes() != null) {
        checks.fail("spark.classes", "counts class labels, but data.task is regression; remove it");
      }
      if (spark.imageShape() != null) {
        checks.fail("spark.imageShape", "image data has class labels here; regression needs tabular features");
      }
    }
  }

  private void requireBlockFor(Checks checks, DataSource owner, String block, boolean present) {
    if (source == owner && !present) {
      checks.fail(block, "required when data.source is " + owner.configName());
    } else if (source != owner && present) {
      checks.fail(block, "given, but data.source is " + source.configName()
          + " (set data.source: " + owner.configName() + " to use it)");
    }
  }

  /** Sources whose examples are images (so CNNs and image augmentation apply). */
  public boolean isImageSource() {
    return source == DataSource.FASHION_MNIST || source == DataSource.IDX
        || (source == DataSource.SPARK && spark.imageShape() != null);
  }
}
