package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MarginTest {

  @Test
  void theMarginIsTheDistanceToAKnownBoundary() {
    Function<float[][], int[]> threshold = classifyBy(x -> x[0] > 0.3f ? 1 : 0);

    double margin = Margin.along(new float[] {0, 0}, new float[] {1, 0}, 1.0, threshold);

    assertThat(margin).isCloseTo(0.3, within(1e-4));
  }

  @Test
  void theMarginIsMeasuredInInputSpaceAlongAnyDirection() {
    Function<float[][], int[]> threshold = classifyBy(x -> x[0] > 0.3f ? 1 : 0);

    double margin = Margin.along(new float[] {0, 0}, new float[] {3, 4}, 1.0, threshold);

    assertThat(margin).isCloseTo(0.5, within(1e-4));
  }

  @Test
  void walksFoundTogetherGetTheirOwnMargins() {
    Function<float[][], int[]> threshold = classifyBy(x -> x[0] > 0.3f ? 1 : 0);
    float[][] from = {{0, 0}, {1, 0}, {0, 0}};
    float[][] towards = {{1, 0}, {0, 0}, {0, 1}};

    double[] margins = Margin.along(from, towards, 1.0, threshold);

    assertThat(margins[0]).isCloseTo(0.3, within(1e-4));
    assertThat(margins[1]).isCloseTo(0.7, within(1e-4));
    assertThat(margins[2]).isNaN();
  }

  @Test
  void noChangeWithinReachIsNaN() {
    Function<float[][], int[]> constant = classifyBy(x -> 0);

    assertThat(Margin.along(new float[] {0, 0}, new float[] {1, 0}, 1.0, constant)).isNaN();
  }

  @Test
  void aNetworkWithAKnownBoundaryHasThatMargin() {
    ComputationGraph net = linearNetWithBoundaryAt(0.25);

    double margin =
        Margin.along(
            new float[] {0, 0},
            new float[] {1, 0},
            1.0,
            points -> PlaneEvaluator.classify(net, points));

    assertThat(margin).isCloseTo(0.25, within(1e-4));
  }

  /** Softmax of (x0 - b, b - x0): class 0 below x0 = b, class 1 above. */
  private static ComputationGraph linearNetWithBoundaryAt(double boundary) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(2)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    net.setParam("0_W", Nd4j.create(new float[][] {{-1, 1}, {0, 0}}));
    net.setParam("0_b", Nd4j.create(new float[][] {{(float) boundary, (float) -boundary}}));
    return net.toComputationGraph();
  }

  private static Function<float[][], int[]> classifyBy(Function<float[], Integer> rule) {
    return points -> {
      int[] classes = new int[points.length];
      for (int k = 0; k < points.length; k++) {
        classes[k] = rule.apply(points[k]);
      }
      return classes;
    };
  }
}
