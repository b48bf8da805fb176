package org.twice.worker.tasks;

import java.nio.file.Path;
import org.twice.worker.data.DatasetKind;

/**
 * Which data a task reads: the dataset, the directory holding its files on every worker host, how
 * many examples to keep, the fingerprint of the files the spec was planned against, and the seed
 * that picks the labels flipped by label noise.
 */
public record DataRef(
    String dataset,
    String directory,
    int trainSize,
    int testSize,
    String fingerprint,
    long noiseSeed) {

  public DatasetKind kind() {
    return DatasetKind.bySpecName(dataset)
        .orElseThrow(() -> new IllegalArgumentException("unknown dataset " + dataset));
  }

  public Path path() {
    return Path.of(directory);
  }

  /** The same data without the directory: what a task's key depends on. */
  public DataRef withoutDirectory() {
    return new DataRef(dataset, "", trainSize, testSize, fingerprint, noiseSeed);
  }
}
