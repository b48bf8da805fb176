package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.SampleData;

class TrainerResumeTest {
  private static final ImageSet TRAIN = SampleData.small().train().head(120);
  private static final ImageSet FEW = SampleData.small().train().head(40);

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of()), 2),
        Arguments.of(config(Architecture.MLP, OptimizerKind.SGD, Schedule.COSINE, Set.of()), 1),
        Arguments.of(config(Architecture.MLP, OptimizerKind.SAM, Schedule.STEP, Set.of()), 3),
        Arguments.of(
            config(
                Architecture.CNN5,
                OptimizerKind.ADAM,
                Schedule.COSINE,
                Set.of(Augmentation.CROP, Augmentation.FLIP)),
            2));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void resumingFromTheStoredStateAfterAnEpochEndsBitIdenticalToAStraightRun(
      TrainConfig config, int stopAfter) {
    ImageSet train = config.architecture() == Architecture.CNN5 ? FEW : TRAIN;
    ComputationGraph straight = Trainer.train(config, train, train.labels(), 10, f -> {});

    byte[] stored = stopAfter(config, train, stopAfter);
    ComputationGraph resumed =
        Trainer.resume(
            config,
            train,
            train.labels(),
            10,
            TrainingState.fromBytes(stored, stopAfter),
            TrainingListener.NONE);

    assertThat(TrainerTest.weights(resumed)).containsExactly(TrainerTest.weights(straight));
    assertThat(updaterState(resumed)).containsExactly(updaterState(straight));
    assertThat(resumed.getIterationCount()).isEqualTo(straight.getIterationCount());
  }

  @Test
  void resumingWithoutTheUpdatersStateEndsElsewhere() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    ComputationGraph straight = Trainer.train(config, TRAIN, TRAIN.labels(), 10, f -> {});
    ComputationGraph stopped = TrainingState.fromBytes(stopAfter(config, TRAIN, 2), 2).net();

    ComputationGraph forgetful =
        ModelCodec.fromBytesWithUpdater(ModelCodec.toBytesWithUpdater(stopped));
    forgetful.getUpdater().getStateViewArray().assign(0);
    Trainer.resume(config, TRAIN, TRAIN.labels(), 10, new TrainingState(forgetful, 2), f -> {});

    assertThat(TrainerTest.weights(forgetful)).isNotEqualTo(TrainerTest.weights(straight));
  }

  @Test
  void progressContinuesFromTheEpochsDone() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    TrainingState state = TrainingState.fromBytes(stopAfter(config, TRAIN, 3), 3);
    List<Double> fractions = new ArrayList<>();
    List<Integer> epochs = new ArrayList<>();

    Trainer.resume(config, TRAIN, TRAIN.labels(), 10, state, recording(fractions, epochs));

    // 120 images in batches of 32: 4 batches an epoch, 4 epochs, 3 of them done.
    assertThat(fractions).containsExactly(13 / 16.0, 14 / 16.0, 15 / 16.0, 1.0);
    assertThat(epochs).containsExactly(4);
  }

  @Test
  void aStateThatDoesNotFitTheConfigIsRejected() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    byte[] stored = stopAfter(config, TRAIN, 2);

    assertThatThrownBy(
            () -> Trainer.checkResumable(config, 120, TrainingState.fromBytes(stored, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a state after 3 epochs should have taken 12 steps, not 8");
    assertThatThrownBy(
            () -> Trainer.checkResumable(config, 120, TrainingState.fromBytes(stored, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a state after 5 epochs does not fit training for 4 epochs");
  }

  @Test
  void weightsWithoutTheUpdatersStateAreNoTrainingState() {
    TrainConfig config = config(Architecture.MLP, OptimizerKind.ADAM, Schedule.STEP, Set.of());
    ComputationGraph net = Trainer.train(config, TRAIN, TRAIN.labels(), 10, f -> {});

    assertThatThrownBy(() -> TrainingState.fromBytes(ModelCodec.toBytes(net), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("stored weights hold no updater state");
  }

  /** Trains until the given epochs are done and returns the state stored then. */
  private static byte[] stopAfter(TrainConfig config, ImageSet train, int epochs) {
    return StopAfterEpochs.stateOf(
        epochs, listener -> Trainer.train(config, train, train.labels(), 10, listener));
  }

  private static TrainingListener recording(List<Double> fractions, List<Integer> epochs) {
    return new TrainingListener() {
      @Override
      public void onProgress(double fraction) {
        fractions.add(fraction);
      }

      @Override
      public void onEpoch(ComputationGraph net, int epochsDone) {
        epochs.add(epochsDone);
      }
    };
  }

  private static float[] updaterState(ComputationGraph net) {
    return net.getUpdater().getStateViewArray().toFloatVector();
  }

  private static TrainConfig config(
      Architecture architecture,
      OptimizerKind optimizer,
      Schedule schedule,
      Set<Augmentation> augmentations) {
    int width = architecture == Architecture.CNN5 ? 2 : 16;
    double rate = optimizer == OptimizerKind.ADAM ? 1e-3 : 0.05;
    return new TrainConfig(
        architecture, width, optimizer, rate, 4, 32, 11, schedule, augmentations, 0.05);
  }
}
