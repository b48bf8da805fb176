package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.data.SampleData;

class TrainerTest {
  private static final LoadedDataset DATA = SampleData.small();

  @Test
  void sameSeedGivesBitIdenticalWeights() {
    TrainConfig config = mlp(16, OptimizerKind.SGD, 7);
    ImageSet train = DATA.train().head(300);

    float[] first = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));
    float[] again = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));

    assertThat(again).containsExactly(first);
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    ImageSet train = DATA.train().head(300);

    float[] first =
        weights(Trainer.train(mlp(16, OptimizerKind.SGD, 7), train, train.labels(), 10, f -> {}));
    float[] other =
        weights(Trainer.train(mlp(16, OptimizerKind.SGD, 8), train, train.labels(), 10, f -> {}));

    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void cnnTrainingIsBitIdenticalToo() {
    TrainConfig config = new TrainConfig(Architecture.CNN, 4, OptimizerKind.ADAM, 1e-3, 1, 32, 3);
    ImageSet train = DATA.train().head(96);

    float[] first = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));
    float[] again = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));

    assertThat(again).containsExactly(first);
  }

  @Test
  void cnn5TrainingWithAugmentationIsBitIdentical() {
    TrainConfig config =
        new TrainConfig(
            Architecture.CNN5,
            2,
            OptimizerKind.SGD,
            0.01,
            1,
            16,
            3,
            Schedule.COSINE,
            Set.of(Augmentation.CROP, Augmentation.FLIP),
            0.05);
    ImageSet train = DATA.train().head(48);

    float[] first = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));
    float[] again = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));
    float[] otherSeed =
        weights(Trainer.train(withSeed(config, 4), train, train.labels(), 10, f -> {}));

    assertThat(again).containsExactly(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void resnet18TrainingIsBitIdentical() {
    TrainConfig config =
        new TrainConfig(Architecture.RESNET18, 2, OptimizerKind.SAM, 0.01, 1, 16, 3);
    ImageSet train = DATA.train().head(32);

    float[] first = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));
    float[] again = weights(Trainer.train(config, train, train.labels(), 10, f -> {}));

    assertThat(again).containsExactly(first);
  }

  @Test
  void mlpLearnsTheSampleWellAboveChance() {
    TrainConfig config = new TrainConfig(Architecture.MLP, 64, OptimizerKind.ADAM, 1e-3, 1, 32, 1);

    ComputationGraph net = Trainer.train(config, DATA.train(), DATA.train().labels(), 10, f -> {});
    Metrics metrics = Evaluator.evaluate(net, DATA, DATA.train().labels());

    assertThat(metrics.testAccuracy()).isGreaterThan(0.5);
    assertThat(metrics.trainAccuracy()).isGreaterThan(0.5);
    assertThat(metrics.testLoss()).isPositive().isLessThan(Math.log(10));
  }

  @Test
  void cnnTrainsAndGivesAProbabilityPerClass() {
    TrainConfig config = new TrainConfig(Architecture.CNN, 4, OptimizerKind.SGD, 0.01, 1, 32, 5);
    ImageSet train = DATA.train().head(96);
    ComputationGraph untrained = Networks.build(config, new ImageShape(1, 28, 28), 10);

    ComputationGraph net = Trainer.train(config, train, train.labels(), 10, f -> {});

    assertThat(net.getNumLayers()).isEqualTo(7);
    assertThat(weights(net)).isNotEqualTo(weights(untrained));
    assertThat(net.outputSingle(Evaluator.rows(train, 0, 5)).shape()).containsExactly(5, 10);
  }

  @Test
  void progressRisesAfterEveryMinibatchToOne() {
    ImageSet train = DATA.train().head(100);
    List<Double> fractions = new ArrayList<>();

    Trainer.train(mlp(8, OptimizerKind.ADAM, 1), train, train.labels(), 10, fractions::add);

    // 2 epochs of 100 images in batches of 32: 4 batches each, the last of 4 images.
    assertThat(fractions).hasSize(8).isSorted().last().isEqualTo(1.0);
    assertThat(fractions.get(0)).isEqualTo(0.125);
  }

  @Test
  void listenerExceptionStopsTraining() {
    ImageSet train = DATA.train().head(100);
    RuntimeException cancelled = new IllegalStateException("cancelled");
    List<Double> fractions = new ArrayList<>();
    TrainingListener listener =
        fraction -> {
          fractions.add(fraction);
          if (fractions.size() == 3) {
            throw cancelled;
          }
        };

    assertThatThrownBy(
            () -> Trainer.train(mlp(8, OptimizerKind.ADAM, 1), train, train.labels(), 10, listener))
        .isSameAs(cancelled);
    assertThat(fractions).hasSize(3);
  }

  @Test
  void trainsOnTheLabelsGivenNotTheImagesOwn() {
    ImageSet train = DATA.train().head(64);
    int[] allZero = new int[64];

    TrainConfig config = new TrainConfig(Architecture.MLP, 8, OptimizerKind.ADAM, 0.01, 10, 16, 1);

    ComputationGraph net = Trainer.train(config, train, allZero, 10, f -> {});

    assertThat(Evaluator.accuracy(net, train, allZero)).isEqualTo(1.0);
  }

  private static TrainConfig mlp(int width, OptimizerKind optimizer, long seed) {
    return new TrainConfig(Architecture.MLP, width, optimizer, 0.01, 2, 32, seed);
  }

  static TrainConfig withSeed(TrainConfig c, long seed) {
    return new TrainConfig(
        c.architecture(),
        c.width(),
        c.optimizer(),
        c.learningRate(),
        c.epochs(),
        c.batchSize(),
        seed,
        c.schedule(),
        c.augmentations(),
        c.samRho());
  }

  static float[] weights(ComputationGraph net) {
    return net.params().toFloatVector();
  }
}
