package org.twice.worker.nn;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.LoadedDataset;

/** Measures accuracy and mean cross-entropy of a network, feeding it batches of images. */
public final class Evaluator {
  private static final int BATCH = 1000;
  // Keeps the loss of a confidently wrong prediction finite.
  private static final double SMALLEST_PROBABILITY = 1e-12;

  private Evaluator() {}

  /**
   * Metrics on the training set, against the labels it was trained with (noisy or not), and on the
   * test set, against its own labels.
   */
  public static Metrics evaluate(ComputationGraph net, LoadedDataset data, int[] trainLabels) {
    return evaluate(Predictor.plain(net), data, trainLabels);
  }

  /** As {@link #evaluate(ComputationGraph, LoadedDataset, int[])}, with the predictor's outputs. */
  public static Metrics evaluate(Predictor net, LoadedDataset data, int[] trainLabels) {
    double[] train = accuracyAndLoss(net, data.train(), trainLabels);
    double[] test = accuracyAndLoss(net, data.test(), data.test().labels());
    return new Metrics(train[0], train[1], test[0], test[1]);
  }

  /** The share of images whose predicted class is the given label. */
  public static double accuracy(ComputationGraph net, ImageSet set, int[] labels) {
    return accuracy(Predictor.plain(net), set, labels);
  }

  /** As {@link #accuracy(ComputationGraph, ImageSet, int[])}, with the predictor's outputs. */
  public static double accuracy(Predictor net, ImageSet set, int[] labels) {
    return accuracyAndLoss(net, set, labels)[0];
  }

  /** As {@link #accuracyAndLoss(Predictor, ImageSet, int[])}, through the network's layers. */
  public static double[] accuracyAndLoss(ComputationGraph net, ImageSet set, int[] labels) {
    return accuracyAndLoss(Predictor.plain(net), set, labels);
  }

  /**
   * The share of images whose predicted class is the given label, then the mean cross-entropy
   * against those labels; both NaN for an empty set.
   */
  public static double[] accuracyAndLoss(Predictor net, ImageSet set, int[] labels) {
    if (labels.length != set.count()) {
      throw new IllegalArgumentException(
          "%d labels for %d images".formatted(labels.length, set.count()));
    }
    if (set.count() == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }

    long correct = 0;
    double loss = 0;
    for (int from = 0; from < set.count(); from += BATCH) {
      int to = Math.min(set.count(), from + BATCH);
      float[][] probabilities = net.probabilities(rows(set, from, to));
      for (int row = 0; row < to - from; row++) {
        int label = labels[from + row];
        correct += argmax(probabilities[row]) == label ? 1 : 0;
        loss -= Math.log(Math.max(probabilities[row][label], SMALLEST_PROBABILITY));
      }
    }
    return new double[] {(double) correct / set.count(), loss / set.count()};
  }

  /** Images from..to-1 as the rows of a new array, the input every network takes. */
  static INDArray rows(ImageSet set, int from, int to) {
    float[] values = Arrays.copyOfRange(set.pixels(), from * set.features(), to * set.features());
    return Nd4j.create(values, new long[] {to - from, set.features()}, 'c');
  }

  static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
