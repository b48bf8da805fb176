package org.twice.worker.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Turns a network into bytes for storage and back: its configuration (with the count of steps
 * taken) and weights, and, for a network that is to resume training, its updater's state too.
 */
public final class ModelCodec {
  private ModelCodec() {}

  /** The network without its updater's state: it predicts, but does not resume training. */
  public static byte[] toBytes(ComputationGraph net) {
    return write(net, false);
  }

  /** The network with its updater's state, to resume training exactly where it stopped. */
  public static byte[] toBytesWithUpdater(ComputationGraph net) {
    return write(net, true);
  }

  /**
   * The network the bytes hold.
   *
   * @throws IllegalArgumentException if the bytes are not a stored network
   */
  public static ComputationGraph fromBytes(byte[] bytes) {
    return read(bytes, false);
  }

  /**
   * The network the bytes hold with its updater's state.
   *
   * @throws IllegalArgumentException if the bytes are not a stored network with its updater
   */
  public static ComputationGraph fromBytesWithUpdater(byte[] bytes) {
    ComputationGraph net = read(bytes, true);
    if (net.getUpdater(false) == null || net.getUpdater().getStateViewArray() == null) {
      throw new IllegalArgumentException(
          "stored weights hold no updater state (%d bytes)".formatted(bytes.length));
    }
    return net;
  }

  private static byte[] write(ComputationGraph net, boolean withUpdater) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(net, out, withUpdater);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a network to memory", e);
    }
    return out.toByteArray();
  }

  private static ComputationGraph read(byte[] bytes, boolean withUpdater) {
    ComputationGraph net;
    try {
      net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), withUpdater);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "stored weights are corrupt: %s (%d bytes)".formatted(e.getMessage(), bytes.length), e);
    }
    return NativeLayers.install(DenseTraining.skipInputGradients(TrainingGraph.of(net)));
  }
}
