package org.twice.worker.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Turns a network into bytes for storage and back: its configuration and weights, without the
 * optimizer's state, so a restored network predicts but does not resume training where it stopped.
 */
public final class ModelCodec {
  private ModelCodec() {}

  public static byte[] toBytes(ComputationGraph net) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(net, out, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a network to memory", e);
    }
    return out.toByteArray();
  }

  /**
   * The network the bytes hold.
   *
   * @throws IllegalArgumentException if the bytes are not a stored network
   */
  public static ComputationGraph fromBytes(byte[] bytes) {
    try {
      return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "stored weights are corrupt: %s (%d bytes)".formatted(e.getMessage(), bytes.length), e);
    }
  }
}
