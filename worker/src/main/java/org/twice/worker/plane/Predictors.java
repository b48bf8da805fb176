package org.twice.worker.plane;

import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.Predictor;

/** The fastest way to run a network forward over many images, for evaluating it. */
public final class Predictors {
  private Predictors() {}

  /**
   * A convolutional network's channels-last twin ({@link NhwcTwin}), with a pool of arrays for its
   * passes that closing the predictor frees; the network itself for any other. The twin's outputs
   * equal the network's up to float rounding.
   */
  public static Predictor of(ComputationGraph net, ImageShape shape) {
    Optional<NhwcTwin> twin = NhwcTwin.of(net, shape.channels(), shape.height(), shape.width());
    return twin.isPresent() ? new TwinPredictor(twin.get()) : Predictor.plain(net);
  }

  private static final class TwinPredictor implements Predictor {
    private final NhwcTwin twin;
    private final ArrayPool pool = new ArrayPool();

    TwinPredictor(NhwcTwin twin) {
      this.twin = twin;
    }

    @Override
    public float[][] probabilities(INDArray rows) {
      return twin.probabilities(rows, pool).toFloatMatrix();
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}
