package org.twice.worker.nn;

/**
 * Hears how far training has come. A listener may throw a RuntimeException to stop training; the
 * trainer lets it propagate to its caller unchanged.
 */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores progress. */
  TrainingListener NONE = fraction -> {};

  /** Called after each minibatch with the share of all minibatches done, in [0, 1]. */
  void onProgress(double fraction);
}
