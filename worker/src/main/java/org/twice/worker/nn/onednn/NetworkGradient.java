package org.twice.worker.nn.onednn;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A gradient whose flat array is the network's own gradient array, the very object. DL4J's updater
 * tells the network's own gradient from an outside one by reference, and {@link DefaultGradient}
 * hands out a fresh reshaped view each time it is asked: every step then took the outside path,
 * which cuts new views of every parameter and its gradient (four per parameter array, each a new
 * ND4J array with its own bookkeeping) instead of stepping through the views the updater made once.
 */
final class NetworkGradient extends DefaultGradient {
  private final INDArray flat;

  NetworkGradient(INDArray flat) {
    super(flat);
    this.flat = flat;
  }

  @Override
  public INDArray gradient() {
    return flat;
  }
}
