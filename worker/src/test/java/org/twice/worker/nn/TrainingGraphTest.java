package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.twice.worker.nn.ArchitectureTest.images;
import static org.twice.worker.nn.ArchitectureTest.oneHot;
import static org.twice.worker.nn.NativeLayersTest.gradient;
import static org.twice.worker.nn.NativeLayersTest.maxAbs;
import static org.twice.worker.nn.NativeLayersTest.maxDifference;

import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.data.SampleData;

/**
 * A network trained through its program computes what DL4J's own layers compute, up to float
 * rounding: the score, every gradient (the running averages' changes of batch normalisation
 * included) and the weights after a few steps of the updater, also through the trainer with each
 * optimizer and through distillation. A network's clone is rebuilt by DL4J as a plain graph with
 * DL4J's own layers, so it serves as the reference, as do networks trained with programs switched
 * off.
 */
class TrainingGraphTest {
  private static final ImageShape COLOUR = new ImageShape(3, 32, 32);
  private static final ImageShape GREY = new ImageShape(1, 28, 28);
  private static final int BATCH = 6;
  private static final LoadedDataset DATA = SampleData.small();

  @Test
  void theUpdaterStepsTheNetworksOwnGradientArray() {
    TrainingGraph net =
        (TrainingGraph) Networks.build(config(Architecture.RESNET18, 4), COLOUR, 10);
    DataSet batch = new DataSet(images(COLOUR, BATCH, 11), oneHot(BATCH, 10));

    net.fit(batch);

    assertThat(net.runsProgram()).isTrue();
    // DL4J's updater tells its network's own gradient array from an outside one by reference; an
    // outside one costs fresh views of every parameter each step.
    assertThat(net.gradient().gradient()).isSameAs(net.getUpdater().getFlattenedGradientsView());
  }

  @ParameterizedTest
  @EnumSource(names = {"MLP", "CNN", "CNN5", "RESNET18", "VGG", "DENSENET"})
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

  @ParameterizedTest
  @EnumSource(names = {"VIT", "MLPMIXER"})
  void networksWithoutProgramsTrainThroughDl4jsLayers(Architecture architecture) {
    TrainingGraph net = (TrainingGraph) Networks.build(config(architecture, 8), GREY, 10);
    DataSet batch = new DataSet(images(GREY, BATCH, 11), oneHot(BATCH, 10));

    net.fit(batch);

    assertThat(net.runsProgram()).isFalse();
    assertThat(net.refusal()).isEqualTo("a network whose input is neither images nor rows");
    assertThat(net.score()).isFinite().isPositive();
  }

  /**
   * Training for a few steps amplifies float rounding (a ResNet of width 4 at a learning rate of
   * 0.01, and Adam most: its first step moves every weight by the learning rate, in the direction
   * of its gradient's sign, however small). So the weights after training through programs are held
   * to agree with those of DL4J's layers with native helpers at least as closely as those agree
   * with DL4J's layers without them.
   */
  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void trainerGivesWhatDl4jsOwnLayersGive(OptimizerKind optimizer) {
    TrainConfig config = new TrainConfig(Architecture.RESNET18, 4, optimizer, 0.01, 1, 16, 3);
    // 40 images: two batches of 16, then one of 8, which a program of its own runs.
    ImageSet train = DATA.train().head(40);
    Supplier<ComputationGraph> training =
        () -> Trainer.train(config, train, train.labels(), 10, f -> {});

    float[] fast = weights(training.get(), true);
    float[] helpers = weights(without(training, TrainingGraph.PROPERTY), false);
    float[] plain =
        weights(without(training, TrainingGraph.PROPERTY, NativeLayers.PROPERTY), false);

    assertThat(maxDifference(fast, helpers)).isLessThanOrEqualTo(maxDifference(helpers, plain));
    assertThat(maxDifference(fast, helpers)).isLessThan(0.1f * maxAbs(helpers));
  }

  @Test
  void distillationGivesWhatDl4jsOwnLayersGive() {
    ImageSet train = DATA.train().head(40);
    ComputationGraph teacher = DistillerTest.teacher(train, train.labels());
    TrainConfig student = new TrainConfig(Architecture.CNN5, 4, OptimizerKind.SGD, 0.01, 1, 16, 3);
    Supplier<ComputationGraph> distilling =
        () -> Distiller.distill(student, teacher, 30, train, 10, f -> {});

    float[] fast = weights(distilling.get(), true);
    float[] helpers = weights(without(distilling, TrainingGraph.PROPERTY), false);
    float[] plain =
        weights(without(distilling, TrainingGraph.PROPERTY, NativeLayers.PROPERTY), false);

    assertThat(maxDifference(fast, helpers)).isLessThanOrEqualTo(maxDifference(helpers, plain));
    assertThat(maxDifference(fast, helpers)).isLessThan(0.1f * maxAbs(helpers));
  }

  /** What networks built inside give with the given switches (system properties) off. */
  private static ComputationGraph without(Supplier<ComputationGraph> training, String... switches) {
    for (String name : switches) {
      System.setProperty(name, "false");
    }
    try {
      return training.get();
    } finally {
      for (String name : switches) {
        System.clearProperty(name);
      }
    }
  }

  /** The weights of a network that trained through a program, or that did not. */
  private static float[] weights(ComputationGraph net, boolean program) {
    assertThat(((TrainingGraph) net).runsProgram()).isEqualTo(program);
    return TrainerTest.weights(net);
  }

  private static TrainConfig config(Architecture architecture, int width) {
    return new TrainConfig(architecture, width, OptimizerKind.ADAM, 1e-3, 1, BATCH, 7);
  }
}
