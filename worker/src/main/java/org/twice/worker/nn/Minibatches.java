package org.twice.worker.nn;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.data.ImageSet;

/**
 * Fills minibatches of images and one-hot labels in a given order into arrays it allocates once:
 * one pair for full batches and one for the shorter last batch. Each fill overwrites the arrays the
 * previous one returned. Not thread-safe.
 */
final class Minibatches {
  private final ImageSet images;
  private final ImageShape shape;
  private final int[] labels;
  private final int classes;
  private final Buffers full;
  private final Buffers last;

  Minibatches(ImageSet images, int[] labels, int classes, int batchSize) {
    this.images = images;
    this.shape = Trainer.shape(images);
    this.labels = labels;
    this.classes = classes;
    int size = Math.min(batchSize, images.count());
    this.full = new Buffers(size, images.features(), classes);
    int rest = images.count() % size;
    this.last = rest == 0 ? full : new Buffers(rest, images.features(), classes);
  }

  /**
   * The examples {@code order[from..to)}, each augmented with choices drawn from {@code random} in
   * turn; to - from is the batch size or the last batch's.
   */
  Buffers fill(int[] order, int from, int to, Augmenter augmenter, Random random) {
    Buffers buffers = to - from == full.rows ? full : last;
    int features = images.features();
    Arrays.fill(buffers.labelValues, 0f);
    for (int row = 0; row < to - from; row++) {
      int example = order[from + row];
      System.arraycopy(
          images.pixels(), example * features, buffers.featureValues, row * features, features);
      if (augmenter.changesImages()) {
        augmenter.apply(buffers.featureValues, row * features, shape, random);
      }
      buffers.labelValues[row * classes + labels[example]] = 1f;
    }
    buffers.features.data().setData(buffers.featureValues);
    buffers.labels.data().setData(buffers.labelValues);
    return buffers;
  }

  /** The arrays of one batch size, on the Java heap and in ND4J's memory. */
  static final class Buffers {
    final int rows;
    final float[] featureValues;
    final float[] labelValues;
    final INDArray features;
    final INDArray labels;

    private Buffers(int rows, int features, int classes) {
      this.rows = rows;
      this.featureValues = new float[rows * features];
      this.labelValues = new float[rows * classes];
      this.features = Nd4j.create(DataType.FLOAT, rows, features);
      this.labels = Nd4j.create(DataType.FLOAT, rows, classes);
    }
  }
}
