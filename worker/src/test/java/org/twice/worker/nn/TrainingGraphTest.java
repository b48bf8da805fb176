package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.twice.worker.nn.ArchitectureTest.images;
import static org.twice.worker.nn.ArchitectureTest.oneHot;
import static org.twice.worker.nn.NativeLayersTest.gradient;
import static org.twice.worker.nn.NativeLayersTest.maxAbs;
import static org.twice.worker.nn.NativeLayersTest.maxDifference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A network trained through its program computes what DL4J's own layers compute, up to float
 * rounding: the score, every gradient (the running averages' changes of batch normalisation
 * included) and the weights after a few steps of the updater. A network's clone is rebuilt by DL4J
 * as a plain graph with DL4J's own layers, so it serves as the reference.
 */
class TrainingGraphTest {
  private static final ImageShape COLOUR = new ImageShape(3, 32, 32);
  private static final ImageShape GREY = new ImageShape(1, 28, 28);
  private static final int BATCH = 6;

  @ParameterizedTest
  @EnumSource(names = {"CNN", "CNN5", "RESNET18", "VGG", "DENSENET"})
  void trainsAsDl4jsOwnLayersDo(Architecture architecture) {
    for (ImageShape shape : new ImageShape[] {COLOUR, GREY}) {
      TrainingGraph fast = (TrainingGraph) Networks.build(config(architecture, 4), shape, 10);
      ComputationGraph reference = fast.clone();
      DataSet batch = new DataSet(images(shape, BATCH, 11), oneHot(BATCH, 10));

      float[] fastGradient = gradient(fast, batch);
      double fastScore = fast.score();
      float[] referenceGradient = gradient(reference, batch);
      double referenceScore = reference.score();
      for (int step = 0; step < 3; step++) {
        fast.fit(batch);
        reference.fit(batch);
      }

      assertThat(fast.refusal()).as("%s on %s", architecture, shape).isNull();
      assertThat(fast.runsProgram()).isTrue();
      assertThat(fastScore).isCloseTo(referenceScore, offset(1e-4));
      assertThat(maxDifference(fastGradient, referenceGradient))
          .as("%s on %s", architecture, shape)
          .isLessThan(1e-4f * maxAbs(referenceGradient) + 1e-7f);
      float[] referenceParams = reference.params().toFloatVector();
      assertThat(maxDifference(fast.params().toFloatVector(), referenceParams))
          .isLessThan(1e-3f * maxAbs(referenceParams));
    }
  }

  private static TrainConfig config(Architecture architecture, int width) {
    return new TrainConfig(architecture, width, OptimizerKind.ADAM, 1e-3, 1, BATCH, 7);
  }
}
