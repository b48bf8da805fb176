package org.twice.worker.score;

import java.util.Arrays;
import java.util.Random;

/** Percentile bootstrap intervals, drawn from a seeded stream so that a score can be recomputed. */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * The mean of the values with the 2.5% and 97.5% percentiles of the means of {@code resamples}
   * resamples drawn with replacement. A single value, or equal values, give a zero-width interval.
   */
  public static Interval mean(double[] values, int resamples, long seed) {
    if (values.length == 0) {
      throw new IllegalArgumentException("cannot bootstrap the mean of no values");
    }
    if (resamples <= 0) {
      throw new IllegalArgumentException("resamples must be positive, got " + resamples);
    }
    double mean = Arrays.stream(values).average().orElseThrow();
    if (values.length == 1) {
      return new Interval(mean, mean, mean);
    }

    double[] means = resampledMeans(values, resamples, new Random(seed));
    Arrays.sort(means);
    return new Interval(mean, percentile(means, 0.025), percentile(means, 0.975));
  }

  private static double[] resampledMeans(double[] values, int resamples, Random random) {
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int k = 0; k < values.length; k++) {
        sum += values[random.nextInt(values.length)];
      }
      means[r] = sum / values.length;
    }
    return means;
  }

  /** The q-quantile of sorted values, interpolating linearly between neighbours. */
  static double percentile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }
}
