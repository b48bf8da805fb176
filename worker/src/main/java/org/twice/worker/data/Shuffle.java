package org.twice.worker.data;

import java.util.Random;

/** Seeded permutations of example indices, the same on every machine for the same seed. */
public final class Shuffle {
  private Shuffle() {}

  /** The indices 0..n-1 in an order drawn by a Fisher-Yates shuffle from the given stream. */
  public static int[] indices(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    shuffle(order, random);
    return order;
  }

  /** Shuffles an array in place with a Fisher-Yates shuffle drawn from the given stream. */
  public static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}
