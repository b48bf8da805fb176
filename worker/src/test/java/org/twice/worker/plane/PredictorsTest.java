package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.Networks;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Predictor;
import org.twice.worker.nn.TrainConfig;

/** A predictor gives what its network outputs, call after call, whichever way it runs it. */
class PredictorsTest {
  private static final ImageShape GREY = new ImageShape(1, 28, 28);

  @ParameterizedTest
  @EnumSource(names = {"MLP", "CNN", "RESNET18"})
  void givesTheNetworksProbabilities(Architecture architecture) {
    TrainConfig config = new TrainConfig(architecture, 4, OptimizerKind.ADAM, 1e-2, 1, 8, 5);
    ComputationGraph net = Networks.build(config, GREY, 10);
    INDArray first = images(40, 1);
    INDArray second = images(25, 2);

    float[][][] predicted = new float[2][][];
    try (Predictor predictor = Predictors.of(net, GREY)) {
      predicted[0] = predictor.probabilities(first);
      predicted[1] = predictor.probabilities(second);
    }

    float[][][] expected = {
      net.outputSingle(first).toFloatMatrix(), net.outputSingle(second).toFloatMatrix()
    };
    for (int call = 0; call < 2; call++) {
      assertThat(predicted[call]).hasDimensions(expected[call].length, 10);
      for (int row = 0; row < expected[call].length; row++) {
        assertThat(predicted[call][row])
            .as("%s call %d row %d", architecture, call, row)
            .containsExactly(expected[call][row], within(1e-5f));
      }
    }
  }

  private static INDArray images(int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * GREY.features()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    return Nd4j.create(pixels, new long[] {count, GREY.features()}, 'c');
  }
}
