package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.Networks;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.TrainConfig;

/** The channels-last twin computes what its network computes, for grey and colour images. */
class NhwcTwinTest {
  private static final ImageShape GREY = new ImageShape(1, 28, 28);
  private static final ImageShape COLOUR = new ImageShape(3, 32, 32);
  private static final int COUNT = 100;

  @ParameterizedTest
  @EnumSource(names = {"CNN", "CNN5", "RESNET18", "VGG", "DENSENET"})
  void givesTheOutputOfItsNetwork(Architecture architecture) {
    for (ImageShape shape : new ImageShape[] {GREY, COLOUR}) {
      ComputationGraph net = Networks.build(config(architecture), shape, 10);
      INDArray rows = images(shape, 9);
      net.fit(new DataSet(rows, labels(COUNT)));

      NhwcTwin twin =
          NhwcTwin.of(net, shape.channels(), shape.height(), shape.width()).orElseThrow();
      float[] output = net.outputSingle(rows).ravel().toFloatVector();
      try (ArrayPool pool = new ArrayPool()) {
        // The second pass runs on the memory the first gave back to the pool.
        for (int pass = 0; pass < 2; pass++) {
          float[] twinOutput = twin.probabilities(rows, pool).ravel().toFloatVector();
          assertThat(twinOutput).hasSameSizeAs(output);
          for (int i = 0; i < output.length; i++) {
            assertThat(twinOutput[i])
                .as("%s %s pass %d output %d", architecture, shape, pass, i)
                .isCloseTo(output[i], within(1e-5f));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"MLP", "VIT", "MLPMIXER"})
  void isNotMadeForNetworksWithOtherLayers(Architecture architecture) {
    ComputationGraph net = Networks.build(config(architecture), GREY, 10);

    assertThat(NhwcTwin.of(net, 1, 28, 28)).isEmpty();
  }

  private static TrainConfig config(Architecture architecture) {
    return new TrainConfig(architecture, 4, OptimizerKind.ADAM, 1e-2, 1, 8, 5);
  }

  private static INDArray images(ImageShape shape, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[COUNT * shape.features()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    return Nd4j.create(pixels, new long[] {COUNT, shape.features()}, 'c');
  }

  private static INDArray labels(int count) {
    INDArray labels = Nd4j.zeros(count, 10);
    for (int i = 0; i < count; i++) {
      labels.putScalar(i, i % 10, 1f);
    }
    return labels;
  }
}
