package org.twice.worker.nn;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.Shuffle;

/**
 * Trains a new network by minibatch descent. Each epoch visits the examples in an order drawn from
 * the config's seed and the epoch number, and augments them from another stream drawn from the same
 * two, so on a CPU the same config, images and labels give bit-identical weights, also when
 * training stopped after an epoch and resumed from the {@link TrainingState} it reached.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * Builds a network for the config and trains it on the images with the given labels, which may
   * differ from the images' own (label noise).
   *
   * @throws RuntimeException whatever the listener throws, unchanged, which stops training
   */
  public static ComputationGraph train(
      TrainConfig config, ImageSet train, int[] labels, int classes, TrainingListener listener) {
    checkLabels(train, labels, classes);
    long total = (long) batchesPerEpoch(config, train.count()) * config.epochs();
    ComputationGraph net = Networks.build(config, shape(train), classes, total);
    return run(config, train, labels, classes, new TrainingState(net, 0), listener);
  }

  /**
   * Continues training from a state reached after some epochs of the same config, images and
   * labels, with the epoch after them. The orders, augmentations and learning rates of the epochs
   * left are those of a run that never stopped, so on a CPU the weights end bit-identical to it.
   *
   * @throws IllegalArgumentException if the state does not fit the config ({@link #checkResumable})
   * @throws RuntimeException whatever the listener throws, unchanged, which stops training
   */
  public static ComputationGraph resume(
      TrainConfig config,
      ImageSet train,
      int[] labels,
      int classes,
      TrainingState from,
      TrainingListener listener) {
    checkLabels(train, labels, classes);
    checkResumable(config, train.count(), from);
    return run(config, train, labels, classes, from, listener);
  }

  /**
   * Checks that training with the config on that many examples reaches the state: after no more
   * epochs than the config's, with as many steps taken as those epochs hold.
   *
   * @throws IllegalArgumentException saying how the state differs
   */
  public static void checkResumable(TrainConfig config, int examples, TrainingState state) {
    if (state.epochs() < 0 || state.epochs() > config.epochs()) {
      throw new IllegalArgumentException(
          "a state after %d epochs does not fit training for %d epochs"
              .formatted(state.epochs(), config.epochs()));
    }
    long steps = (long) batchesPerEpoch(config, examples) * state.epochs();
    if (state.net().getIterationCount() != steps) {
      throw new IllegalArgumentException(
          "a state after %d epochs should have taken %d steps, not %d"
              .formatted(state.epochs(), steps, state.net().getIterationCount()));
    }
  }

  private static ComputationGraph run(
      TrainConfig config,
      ImageSet train,
      int[] labels,
      int classes,
      TrainingState start,
      TrainingListener listener) {
    int count = train.count();
    long perEpoch = batchesPerEpoch(config, count);
    long total = perEpoch * config.epochs();
    ComputationGraph net = start.net();
    if (config.optimizer() == OptimizerKind.SAM) {
      net.setListeners(new SharpnessAwareStep(config.samRho()));
    }
    Augmenter augmenter = new Augmenter(config.augmentations());
    Minibatches minibatches = new Minibatches(train, labels, classes, config.batchSize());

    long done = perEpoch * start.epochs();
    for (int epoch = start.epochs(); epoch < config.epochs(); epoch++) {
      int[] order = Shuffle.indices(count, new Random(epochSeed(config.seed(), epoch)));
      Random augmentation = new Random(augmentationSeed(config.seed(), epoch));
      for (int from = 0; from < count; from += config.batchSize()) {
        int to = Math.min(count, from + config.batchSize());
        Minibatches.Buffers batch = minibatches.fill(order, from, to, augmenter, augmentation);
        net.fit(new INDArray[] {batch.features}, new INDArray[] {batch.labels});
        listener.onProgress((double) ++done / total);
      }
      listener.onEpoch(net, epoch + 1);
    }
    return net;
  }

  static int batchesPerEpoch(TrainConfig config, int examples) {
    return (examples + config.batchSize() - 1) / config.batchSize();
  }

  /** The shape of a set's images. */
  public static ImageShape shape(ImageSet images) {
    return new ImageShape(images.channels(), images.height(), images.width());
  }

  /** Mixes the epoch into the seed so that no two epochs, nor nearby seeds, share an order. */
  static long epochSeed(long seed, int epoch) {
    return seed ^ (0x9E3779B97F4A7C15L * (epoch + 1));
  }

  /** A stream for augmentation apart from the order's, so that augmenting leaves the order. */
  static long augmentationSeed(long seed, int epoch) {
    return ~epochSeed(seed, epoch) * 0xC2B2AE3D27D4EB4FL;
  }

  private static void checkLabels(ImageSet train, int[] labels, int classes) {
    if (train.count() == 0) {
      throw new IllegalArgumentException("cannot train on an empty training set");
    }
    if (labels.length != train.count()) {
      throw new IllegalArgumentException(
          "%d labels for %d training images".formatted(labels.length, train.count()));
    }
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "label %d is outside 0..%d".formatted(label, classes - 1));
      }
    }
  }
}
