package org.twice.worker.nn;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.Shuffle;

/**
 * Trains a new network by minibatch descent. Each epoch visits the examples in an order drawn from
 * the config's seed and the epoch number, and augments them from another stream drawn from the same
 * two, so on a CPU the same config, images and labels give bit-identical weights.
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
    int count = train.count();
    int perEpoch = (count + config.batchSize() - 1) / config.batchSize();
    long total = (long) perEpoch * config.epochs();
    ComputationGraph net = Networks.build(config, shape(train), classes, total);
    if (config.optimizer() == OptimizerKind.SAM) {
      net.setListeners(new SharpnessAwareStep(config.samRho()));
    }
    Augmenter augmenter = new Augmenter(config.augmentations());
    Minibatches minibatches = new Minibatches(train, labels, classes, config.batchSize());

    long done = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      int[] order = Shuffle.indices(count, new Random(epochSeed(config.seed(), epoch)));
      Random augmentation = new Random(augmentationSeed(config.seed(), epoch));
      for (int from = 0; from < count; from += config.batchSize()) {
        int to = Math.min(count, from + config.batchSize());
        Minibatches.Buffers batch = minibatches.fill(order, from, to, augmenter, augmentation);
        net.fit(new INDArray[] {batch.features}, new INDArray[] {batch.labels});
        listener.onProgress((double) ++done / total);
      }
    }
    return net;
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
