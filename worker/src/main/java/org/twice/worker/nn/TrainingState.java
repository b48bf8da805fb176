package org.twice.worker.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network part way through its training, after {@code epochs} whole epochs: its weights, its
 * updater's state (Adam's moments, SGD's momentum) and its count of steps taken, on which the
 * learning-rate schedules depend. {@link Trainer#resume} continues from it.
 */
public record TrainingState(ComputationGraph net, int epochs) {
  /** The network with its updater's state, as bytes; the epochs are kept apart from them. */
  public byte[] toBytes() {
    return ModelCodec.toBytesWithUpdater(net);
  }

  /**
   * The state the bytes hold after the given epochs.
   *
   * @throws IllegalArgumentException if the bytes are not a stored network with its updater
   */
  public static TrainingState fromBytes(byte[] bytes, int epochs) {
    return new TrainingState(ModelCodec.fromBytesWithUpdater(bytes), epochs);
  }
}
