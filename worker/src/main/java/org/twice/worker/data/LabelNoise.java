package org.twice.worker.data;

import java.util.Random;

/**
 * Changes a fixed share of labels to another class, as label-noise experiments do. The same labels,
 * share and seed always change the same indices to the same classes, so every model of an
 * experiment sees the same noisy labels.
 */
public final class LabelNoise {
  private LabelNoise() {}

  /**
   * A copy of the labels in which exactly {@code round(share * n)} indices, chosen by a seeded
   * shuffle, hold a different class drawn uniformly from the other {@code classes - 1}.
   */
  public static int[] apply(int[] labels, int classes, double share, long seed) {
    check(labels, classes, share);

    int[] noisy = labels.clone();
    int changes = (int) Math.round(share * labels.length);
    Random random = new Random(seed);
    int[] order = Shuffle.indices(labels.length, random);
    for (int k = 0; k < changes; k++) {
      int i = order[k];
      int other = random.nextInt(classes - 1);
      noisy[i] = other < labels[i] ? other : other + 1;
    }
    return noisy;
  }

  /** Which labels differ between the original and the noisy copy. */
  public static boolean[] flipped(int[] original, int[] noisy) {
    if (original.length != noisy.length) {
      throw new IllegalArgumentException(
          "%d original labels but %d noisy ones".formatted(original.length, noisy.length));
    }
    boolean[] flipped = new boolean[original.length];
    for (int i = 0; i < original.length; i++) {
      flipped[i] = original[i] != noisy[i];
    }
    return flipped;
  }

  private static void check(int[] labels, int classes, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("label noise share must be in [0, 1], got " + share);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("label noise needs at least 2 classes, got " + classes);
    }
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "label %d is outside 0..%d".formatted(label, classes - 1));
      }
    }
  }
}
