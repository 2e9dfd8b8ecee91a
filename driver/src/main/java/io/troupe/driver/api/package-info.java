/**
 * Troupe from a Spark application: sweeps, ensemble comparisons and single trials on the caller's
 * own SparkSession, with the results, resume and validation of the CLI, which is a thin layer over
 * this package.
 *
 * <ul>
 *   <li>{@link io.troupe.driver.api.ExperimentRun}: what to run, from a YAML file, YAML text or an
 *       {@link io.troupe.config.ExperimentSpec}, with {@code set(path, value)} overrides (the CLI's
 *       --set), {@code outputTo} (--out) and {@code resume} (--resume). Immutable.
 *   <li>{@link io.troupe.driver.api.Troupe}: runs it on a session ({@code Troupe.on(spark)}), which
 *       it never starts or stops, and returns typed outcomes:
 *       {@link io.troupe.driver.sweep.SweepOutcome}, {@link io.troupe.driver.ensemble.EnsembleOutcome},
 *       {@link io.troupe.driver.api.TrainOutcome}.
 *   <li>{@link io.troupe.driver.api.TrainListener}: hears a single trial's epochs.
 * </ul>
 *
 * <pre>{@code
 * Troupe troupe = Troupe.on(spark);
 * ExperimentRun run = ExperimentRun.fromFile(Path.of("conf/examples/synthetic-blobs.yaml"))
 *     .set("train.epochs", 3)
 *     .outputTo("hdfs://namenode:8020/runs");        // results in <out>/<name>/
 * SweepOutcome sweep = troupe.sweep(run);            // ranked best first; best.yaml, trials.jsonl
 * EnsembleOutcome comparison = troupe.compare(run);  // <out>/<name>/ensembles/comparison.csv
 * }</pre>
 *
 * <p>Bad input (a config field, a data file, a run another driver holds or that holds earlier
 * results without resume) throws {@link io.troupe.InvalidInputException} naming the field or file,
 * before anything is written. A trial that fails or diverges is part of the outcome, not an
 * exception.
 */
package io.troupe.driver.api;
