package org.twice.worker.plane;

import java.util.function.Function;

/**
 * The margin of a model at an input along a direction: walk from the input towards another one and
 * find the distance at which the predicted class first changes, first in coarse steps, then by
 * bisection. Many walks go together, so each stage is one batched forward pass.
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
    return along(new float[][] {from}, new float[][] {towards}, reach, classify)[0];
  }

  /** The margins of several walks, {@code from[k]} towards {@code towards[k]}, found together. */
  public static double[] along(
      float[][] from, float[][] towards, double reach, Function<float[][], int[]> classify) {
    Walk[] walks = new Walk[from.length];
    for (int k = 0; k < from.length; k++) {
      walks[k] = Walk.between(from[k], towards[k], reach);
    }

    int[] firstChange = coarse(walks, classify);
    double[] inside = new double[walks.length];
    double[] outside = new double[walks.length];
    for (int k = 0; k < walks.length; k++) {
      inside[k] = (firstChange[k] - 1) * walks[k].step();
      outside[k] = firstChange[k] * walks[k].step();
    }
    bisect(walks, firstChange, inside, outside, classify);

    double[] margins = new double[walks.length];
    for (int k = 0; k < walks.length; k++) {
      margins[k] = firstChange[k] < 0 ? Double.NaN : outside[k];
    }
    return margins;
  }

  /** For each walk, the first coarse step whose class differs from the start, or -1. */
  private static int[] coarse(Walk[] walks, Function<float[][], int[]> classify) {
    float[][] points = new float[walks.length * (STEPS + 1)][];
    for (int k = 0; k < walks.length; k++) {
      for (int n = 0; n <= STEPS; n++) {
        points[k * (STEPS + 1) + n] = walks[k].at(n * walks[k].step());
      }
    }
    int[] classes = classify.apply(points);
    int[] first = new int[walks.length];
    for (int k = 0; k < walks.length; k++) {
      first[k] = -1;
      walks[k].label = classes[k * (STEPS + 1)];
      for (int n = 1; n <= STEPS && first[k] < 0; n++) {
        first[k] = classes[k * (STEPS + 1) + n] != walks[k].label ? n : -1;
      }
    }
    return first;
  }

  private static void bisect(
      Walk[] walks,
      int[] firstChange,
      double[] inside,
      double[] outside,
      Function<float[][], int[]> classify) {
    for (int round = 0; round < BISECTIONS; round++) {
      float[][] middles = new float[walks.length][];
      for (int k = 0; k < walks.length; k++) {
        middles[k] = walks[k].at((inside[k] + outside[k]) / 2);
      }
      int[] classes = classify.apply(middles);
      for (int k = 0; k < walks.length; k++) {
        if (firstChange[k] < 0) {
          continue;
        }
        double middle = (inside[k] + outside[k]) / 2;
        if (classes[k] == walks[k].label) {
          inside[k] = middle;
        } else {
          outside[k] = middle;
        }
      }
    }
  }

  /** One walk: its start, unit direction, coarse step and the class at its start. */
  private static final class Walk {
    private final float[] from;
    private final double[] unit;
    private final double step;
    private int label;

    private Walk(float[] from, double[] unit, double step) {
      this.from = from;
      this.unit = unit;
      this.step = step;
    }

    static Walk between(float[] from, float[] towards, double reach) {
      double length = Vectors.norm(Vectors.difference(towards, from));
      if (length == 0) {
        throw new IllegalArgumentException("the margin needs two different inputs");
      }
      double[] unit = Vectors.scaled(Vectors.difference(towards, from), 1 / length);
      return new Walk(from, unit, reach * length / STEPS);
    }

    double step() {
      return step;
    }

    float[] at(double distance) {
      return Vectors.along(from, unit, distance);
    }
  }
}
