package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A training listener that stops training once the given number of epochs is done, keeping the
 * state it would be resumed from, as a worker that dies right after a checkpoint leaves it.
 */
final class StopAfterEpochs implements TrainingListener {
  private final int epochs;
  private byte[] stored;

  private StopAfterEpochs(int epochs) {
    this.epochs = epochs;
  }

  /** Runs the training with the listener and returns the state stored when it stopped it. */
  static byte[] stateOf(int epochs, Consumer<TrainingListener> training) {
    StopAfterEpochs listener = new StopAfterEpochs(epochs);
    assertThatThrownBy(() -> training.accept(listener)).isInstanceOf(Stopped.class);
    return listener.stored;
  }

  @Override
  public void onProgress(double fraction) {}

  @Override
  public void onEpoch(ComputationGraph net, int epochsDone) {
    if (epochsDone == epochs) {
      stored = new TrainingState(net, epochsDone).toBytes();
      throw new Stopped();
    }
  }

  private static final class Stopped extends RuntimeException {}
}
