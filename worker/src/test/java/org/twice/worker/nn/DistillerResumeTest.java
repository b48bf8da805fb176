package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.SampleData;

class DistillerResumeTest {
  private static final ImageSet TRAIN = SampleData.small().train().head(120);
  private static final ImageSet FEW = SampleData.small().train().head(40);
  private static final double TEMPERATURE = 4;
  private static final ComputationGraph TEACHER =
      Trainer.train(
          new TrainConfig(Architecture.MLP, 16, OptimizerKind.ADAM, 0.01, 3, 16, 1),
          TRAIN,
          TRAIN.labels(),
          10,
          f -> {});

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of()), 1),
        Arguments.of(config(Architecture.MLP, OptimizerKind.SAM, Schedule.COSINE, Set.of()), 2),
        Arguments.of(
            config(
                Architecture.CNN,
                OptimizerKind.SGD,
                Schedule.COSINE,
                Set.of(Augmentation.CROP, Augmentation.FLIP)),
            1));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void resumingFromTheStoredStateAfterAnEpochEndsBitIdenticalToAStraightRun(
      TrainConfig config, int stopAfter) {
    ImageSet train = config.architecture() == Architecture.CNN ? FEW : TRAIN;
    ComputationGraph straight = distill(config, train, TrainingListener.NONE);

    byte[] stored = stopAfter(config, train, stopAfter);
    ComputationGraph resumed =
        Distiller.resume(
            config,
            TEACHER,
            TEMPERATURE,
            train,
            10,
            TrainingState.fromBytes(stored, stopAfter),
            TrainingListener.NONE);

    assertThat(TrainerTest.weights(resumed)).containsExactly(TrainerTest.weights(straight));
    assertThat(updaterState(resumed)).containsExactly(updaterState(straight));
    assertThat(resumed.getIterationCount()).isEqualTo(straight.getIterationCount());
    assertThat(outputLayer(resumed).getLossFn()).isInstanceOf(LossMCXENT.class);
  }

  @Test
  void theStoredStateRestoresAsAPlainClassifier() {
    TrainConfig config = config(Architecture.CNN, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    INDArray images = Evaluator.rows(SampleData.small().test(), 0, 5);

    ComputationGraph restored = TrainingState.fromBytes(stopAfter(config, FEW, 1), 1).net();

    BaseOutputLayer output = outputLayer(restored);
    assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
    assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
    assertThat(restored.outputSingle(images).sum(1).toFloatVector())
        .containsOnly(new float[] {1f}, within(1e-5f));
  }

  @Test
  void theListenerSeesAPlainClassifierAfterEachEpoch() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    List<Object> losses = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onProgress(double fraction) {}

          @Override
          public void onEpoch(ComputationGraph net, int epochsDone) {
            losses.add(outputLayer(net).getLossFn());
          }
        };

    distill(config, TRAIN, listener);

    assertThat(losses).hasSize(3).allMatch(LossMCXENT.class::isInstance);
  }

  @Test
  void progressContinuesFromTheEpochsDone() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    TrainingState state = TrainingState.fromBytes(stopAfter(config, TRAIN, 2), 2);
    List<Double> fractions = new ArrayList<>();

    Distiller.resume(config, TEACHER, TEMPERATURE, TRAIN, 10, state, fractions::add);

    // 120 images in batches of 32: 4 batches an epoch, 3 epochs, 2 of them done.
    assertThat(fractions).containsExactly(9 / 12.0, 10 / 12.0, 11 / 12.0, 1.0);
  }

  @Test
  void aStateThatDoesNotFitTheConfigIsRejected() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    TrainingState state = TrainingState.fromBytes(stopAfter(config, TRAIN, 1), 2);

    assertThatThrownBy(
            () -> Distiller.resume(config, TEACHER, TEMPERATURE, TRAIN, 10, state, f -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a state after 2 epochs should have taken 8 steps, not 4");
  }

  /** Distills until the given epochs are done and returns the state stored then. */
  private static byte[] stopAfter(TrainConfig config, ImageSet train, int epochs) {
    return StopAfterEpochs.stateOf(epochs, listener -> distill(config, train, listener));
  }

  private static ComputationGraph distill(
      TrainConfig config, ImageSet train, TrainingListener listener) {
    return Distiller.distill(config, TEACHER, TEMPERATURE, train, 10, listener);
  }

  private static BaseOutputLayer outputLayer(ComputationGraph net) {
    return (BaseOutputLayer) net.getOutputLayer(0).conf().getLayer();
  }

  private static float[] updaterState(ComputationGraph net) {
    return net.getUpdater().getStateViewArray().toFloatVector();
  }

  private static TrainConfig config(
      Architecture architecture,
      OptimizerKind optimizer,
      Schedule schedule,
      Set<Augmentation> augmentations) {
    int width = architecture == Architecture.CNN ? 2 : 16;
    double rate = optimizer == OptimizerKind.ADAM ? 1e-3 : 0.05;
    return new TrainConfig(
        architecture, width, optimizer, rate, 3, 32, 11, schedule, augmentations, 0.05);
  }
}
