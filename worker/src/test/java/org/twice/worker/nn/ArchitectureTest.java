package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Every architecture, at a tiny width, on grey 28x28 and colour 32x32 images. */
class ArchitectureTest {
  private static final ImageShape GREY = new ImageShape(1, 28, 28);
  private static final ImageShape COLOUR = new ImageShape(3, 32, 32);
  private static final int WIDTH = 4;
  private static final int BATCH = 8;

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void givesAProbabilityPerClassForGreyAndColourImages(Architecture architecture) {
    for (ImageShape shape : new ImageShape[] {GREY, COLOUR}) {
      ComputationGraph net = Networks.build(config(architecture, 1), shape, 10);

      INDArray probabilities = net.outputSingle(images(shape, 5, 1));

      assertThat(probabilities.shape()).containsExactly(5, 10);
      assertThat(probabilities.sum(1).toDoubleVector())
          .containsOnly(new double[] {1.0}, within(1e-4));
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void lossFallsOnABatchItTrainsOn(Architecture architecture) {
    for (ImageShape shape : new ImageShape[] {GREY, COLOUR}) {
      ComputationGraph net = Networks.build(config(architecture, 2), shape, 10);
      DataSet batch = new DataSet(images(shape, BATCH, 2), oneHot(BATCH, 10));
      double before = net.score(batch, true);

      for (int step = 0; step < 5; step++) {
        net.fit(batch);
      }

      assertThat(net.score(batch, true)).isLessThan(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void survivesStorageBitForBit(Architecture architecture) {
    ComputationGraph net = Networks.build(config(architecture, 3), COLOUR, 10);
    net.fit(new DataSet(images(COLOUR, BATCH, 3), oneHot(BATCH, 10)));
    INDArray probe = images(COLOUR, 3, 4);

    ComputationGraph restored = ModelCodec.fromBytes(ModelCodec.toBytes(net));

    assertThat(restored.params().toFloatVector()).containsExactly(net.params().toFloatVector());
    assertThat(restored.outputSingle(probe).toFloatMatrix())
        .isDeepEqualTo(net.outputSingle(probe).toFloatMatrix());
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void continuesTrainingFromStorageWithItsUpdaterBitForBit(Architecture architecture) {
    ComputationGraph net = Networks.build(config(architecture, 5), GREY, 10);
    net.fit(new DataSet(images(GREY, BATCH, 5), oneHot(BATCH, 10)));
    DataSet next = new DataSet(images(GREY, BATCH, 6), oneHot(BATCH, 10));

    ComputationGraph restored = ModelCodec.fromBytesWithUpdater(ModelCodec.toBytesWithUpdater(net));
    restored.fit(next);
    net.fit(next);

    assertThat(restored.params().toFloatVector()).containsExactly(net.params().toFloatVector());
    assertThat(restored.getUpdater().getStateViewArray().toFloatVector())
        .containsExactly(net.getUpdater().getStateViewArray().toFloatVector());
    assertThat(restored.getIterationCount()).isEqualTo(2);
  }

  private static TrainConfig config(Architecture architecture, long seed) {
    return new TrainConfig(architecture, WIDTH, OptimizerKind.ADAM, 1e-3, 1, BATCH, seed);
  }

  /** Random pixels in [0, 1], one image a row. */
  static INDArray images(ImageShape shape, int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * shape.features()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    return Nd4j.create(pixels, new long[] {count, shape.features()}, 'c');
  }

  /** Labels 0, 1, 2, ... one-hot, one example a row. */
  static INDArray oneHot(int count, int classes) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % classes;
    }
    return oneHot(labels, classes);
  }

  /** The labels one-hot, one example a row. */
  static INDArray oneHot(int[] labels, int classes) {
    float[][] rows = new float[labels.length][classes];
    for (int i = 0; i < labels.length; i++) {
      rows[i][labels[i]] = 1f;
    }
    return Nd4j.create(rows);
  }
}
