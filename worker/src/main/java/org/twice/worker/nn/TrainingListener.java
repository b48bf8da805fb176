package org.twice.worker.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;

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

  /**
   * Called after each whole epoch with the network as it stands, which {@link
   * TrainingState#toBytes} can store to resume from; the listener must not change it. Does nothing
   * unless overridden.
   */
  default void onEpoch(ComputationGraph net, int epochsDone) {}
}
