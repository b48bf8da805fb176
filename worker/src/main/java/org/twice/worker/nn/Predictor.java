package org.twice.worker.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a network predicts for rows of images: its output layer's class probabilities, one row per
 * image. Closing it frees what it holds for its forward passes. Not thread-safe, as networks are
 * not.
 */
public interface Predictor extends AutoCloseable {
  /** The probabilities of each class for each row of channels-first pixels. */
  float[][] probabilities(INDArray rows);

  @Override
  default void close() {}

  /** DL4J's forward pass through the network's own layers. */
  static Predictor plain(ComputationGraph net) {
    return rows -> net.outputSingle(rows).toFloatMatrix();
  }
}
