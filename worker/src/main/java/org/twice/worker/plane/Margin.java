package org.twice.worker.plane;

import java.util.function.Function;

/**
 * The margin of a model at an input along a direction: walk from the input towards another one and
 * find the distance at which the predicted class first changes, first in coarse steps, then by
 * bisection. Works on a batched classifier so each stage is one forward pass.
 */
public final class Margin {
  /** Coarse steps along the way. */
  static final int STEPS = 64;

  /** Bisection rounds after the coarse step that saw the change: 2^-16 of a step. */
  static final int BISECTIONS = 16;

  private Margin() {}

  /**
   * The distance from {@code from} along the unit direction towards {@code towards} at which the
   * class first differs from the class at {@code from}, searched up to {@code reach} times their
   * distance; NaN if the class does not change within that reach.
   *
   * @param classify the classes of a batch of points, given as rows
   */
  public static double along(
      float[] from, float[] towards, double reach, Function<float[][], int[]> classify) {
    double length = Vectors.norm(Vectors.difference(towards, from));
    if (length == 0) {
      throw new IllegalArgumentException("the margin needs two different inputs");
    }
    double[] unit = Vectors.scaled(Vectors.difference(towards, from), 1 / length);
    double end = reach * length;
    double step = end / STEPS;

    float[][] walk = new float[STEPS + 1][];
    for (int k = 0; k <= STEPS; k++) {
      walk[k] = Vectors.along(from, unit, k * step);
    }
    int[] classes = classify.apply(walk);
    int first = firstChange(classes);
    if (first < 0) {
      return Double.NaN;
    }
    return bisect(from, unit, (first - 1) * step, first * step, classes[0], classify);
  }

  private static int firstChange(int[] classes) {
    for (int k = 1; k < classes.length; k++) {
      if (classes[k] != classes[0]) {
        return k;
      }
    }
    return -1;
  }

  private static double bisect(
      float[] from,
      double[] unit,
      double inside,
      double outside,
      int label,
      Function<float[][], int[]> classify) {
    for (int round = 0; round < BISECTIONS; round++) {
      double middle = (inside + outside) / 2;
      int found = classify.apply(new float[][] {Vectors.along(from, unit, middle)})[0];
      if (found == label) {
        inside = middle;
      } else {
        outside = middle;
      }
    }
    return outside;
  }
}
