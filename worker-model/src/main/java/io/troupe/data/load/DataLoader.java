package io.troupe.data.load;

import io.troupe.config.CsvSpec;
import io.troupe.config.DataSpec;
import io.troupe.config.IdxFilesSpec;
import io.troupe.config.LibSvmSpec;
import io.troupe.config.SubsetSpec;
import io.troupe.config.SyntheticSpec;
import io.troupe.data.CsvOptions;
import io.troupe.data.CsvReader;
import io.troupe.data.DataSplits;
import io.troupe.data.DataSplitter;
import io.troupe.data.Dataset;
import io.troupe.data.FashionMnist;
import io.troupe.data.IdxReader;
import io.troupe.data.LibSvmReader;
import io.troupe.data.SourceData;
import io.troupe.data.SyntheticData;
import io.troupe.data.Task;
import java.nio.file.Path;

/**
 * Turns a config's data section into train / validation / test splits: reads the source, then
 * carves validation from training with the data seed, applies subset caps and fits scaling on the
 * training part. Relative file paths are resolved against the working directory. Source spark
 * needs a SparkSession, which this module never has: the driver reads it and hands the result to
 * {@link #split}.
 */
public final class DataLoader {
  private DataLoader() {}

  /** The three splits for an experiment; {@code seed} is the data seed (see ExperimentSpec#dataSeed). */
  public static DataSplits load(DataSpec spec, long seed) {
    return split(loadSource(spec, seed), spec, seed);
  }

  /** The three splits of a source read elsewhere (source spark), as {@link #load} makes them. */
  public static DataSplits split(SourceData source, DataSpec spec, long seed) {
    SubsetSpec subset = spec.subset();
    return DataSplitter.split(source, spec.validation(), subset.train(), subset.validation(),
        subset.test(), spec.scaling(), seed);
  }

  /** The source's own training and test sets, before any split. */
  public static SourceData loadSource(DataSpec spec, long seed) {
    return switch (spec.source()) {
      case FASHION_MNIST -> FashionMnist.load(spec.path() == null ? FashionMnist.DEFAULT_DIR : Path.of(spec.path()));
      case IDX -> idx(spec.idx());
      case CSV -> csv(spec.csv(), spec.task());
      case LIBSVM -> libsvm(spec.libsvm(), spec.task());
      case SPARK -> throw new IllegalStateException(
          "data.source spark is read through a SparkSession by the driver (SparkDataLoader), then split()");
      case SYNTHETIC -> synthetic(spec.synthetic(), spec.task(), seed);
    };
  }

  private static SourceData idx(IdxFilesSpec files) {
    int classes = files.classes() == null ? 0 : files.classes();
    Dataset train = IdxReader.readPair(Path.of(files.trainImages()), Path.of(files.trainLabels()), "idx/train", classes);
    // The test set must use the training set's class count, so a label unseen in training is caught.
    Dataset test = IdxReader.readPair(Path.of(files.testImages()), Path.of(files.testLabels()), "idx/test",
        classes > 0 ? classes : train.numClasses());
    return new SourceData(train, test);
  }

  private static SourceData csv(CsvSpec csv, Task task) {
    CsvOptions options = new CsvOptions(csv.labelColumn(), csv.header(), csv.delimiterChar());
    return CsvReader.readPair(Path.of(csv.train()), Path.of(csv.test()), options, task);
  }

  private static SourceData libsvm(LibSvmSpec libsvm, Task task) {
    return LibSvmReader.readPair(Path.of(libsvm.train()), Path.of(libsvm.test()), libsvm.features(), task);
  }

  private static SourceData synthetic(SyntheticSpec s, Task task, long seed) {
    return task == Task.REGRESSION
        ? SyntheticData.linearTeacher(s.trainSize(), s.testSize(), s.features(), s.noise(), seed)
        : SyntheticData.blobs(s.trainSize(), s.testSize(), s.features(), s.classes(), s.clusterStd(), seed);
  }
}
