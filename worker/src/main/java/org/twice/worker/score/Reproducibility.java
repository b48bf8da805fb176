package org.twice.worker.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How alike two models' decision regions are: the share of grid points where their maps agree,
 * averaged over triplets, with a bootstrap interval over triplets.
 */
public final class Reproducibility {
  private Reproducibility() {}

  /** The share of positions at which two maps hold the same class. */
  public static double agreement(byte[] a, byte[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "maps of %d and %d points cannot be compared".formatted(a.length, b.length));
    }
    if (a.length == 0) {
      throw new IllegalArgumentException("cannot compare empty maps");
    }
    int equal = 0;
    for (int k = 0; k < a.length; k++) {
      equal += a[k] == b[k] ? 1 : 0;
    }
    return (double) equal / a.length;
  }

  /** The score of every unordered pair of distinct models, in the order the models are given. */
  public static List<PairScore> pairwise(List<ModelMaps> models, int resamples, long seed) {
    List<PairScore> scores = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      for (int j = i + 1; j < models.size(); j++) {
        ModelMaps first = models.get(i);
        ModelMaps second = models.get(j);
        Interval agreement = Bootstrap.mean(perTriplet(first, second), resamples, seed);
        scores.add(new PairScore(first.modelKey(), second.modelKey(), agreement));
      }
    }
    return scores;
  }

  /**
   * The mean agreement over pairs of models x from a and y from b with different keys, each
   * unordered pair once: per triplet averaged over the pairs, then bootstrapped over triplets. This
   * is one cell of a reproducibility matrix; a == b gives a group's own reproducibility.
   *
   * @return the interval, or null when there is no such pair
   */
  public static Interval groupMean(List<ModelMaps> a, List<ModelMaps> b, int resamples, long seed) {
    Map<String, ModelMaps[]> pairs = distinctPairs(a, b);
    if (pairs.isEmpty()) {
      return null;
    }

    double[] sums = null;
    for (ModelMaps[] pair : pairs.values()) {
      double[] values = perTriplet(pair[0], pair[1]);
      sums = sums == null ? values : add(sums, values);
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] /= pairs.size();
    }
    return Bootstrap.mean(sums, resamples, seed);
  }

  /** The agreement of two models on each triplet. */
  static double[] perTriplet(ModelMaps x, ModelMaps y) {
    if (x.maps().size() != y.maps().size()) {
      throw new IllegalArgumentException(
          "model %s has %d maps but model %s has %d; they must share the triplets"
              .formatted(x.modelKey(), x.maps().size(), y.modelKey(), y.maps().size()));
    }
    double[] values = new double[x.maps().size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = agreement(x.maps().get(k), y.maps().get(k));
    }
    return values;
  }

  /** The pairs keyed by their two model keys in sorted order, so (x, y) and (y, x) count once. */
  private static Map<String, ModelMaps[]> distinctPairs(List<ModelMaps> a, List<ModelMaps> b) {
    Map<String, ModelMaps[]> pairs = new LinkedHashMap<>();
    for (ModelMaps x : a) {
      for (ModelMaps y : b) {
        int order = x.modelKey().compareTo(y.modelKey());
        if (order != 0) {
          String key =
              order < 0 ? x.modelKey() + "\0" + y.modelKey() : y.modelKey() + "\0" + x.modelKey();
          pairs.putIfAbsent(key, new ModelMaps[] {x, y});
        }
      }
    }
    return pairs;
  }

  private static double[] add(double[] sums, double[] values) {
    for (int k = 0; k < sums.length; k++) {
      sums[k] += values[k];
    }
    return sums;
  }
}
