package org.twice.worker.plane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.twice.worker.data.Shuffle;

/**
 * Draws triplets from a seeded stream, so that every model of an experiment is compared on the same
 * planes. The same labels, count and seed always give the same triplets.
 */
public final class TripletSampler {
  private TripletSampler() {}

  /**
   * Triplets of three inputs with three different labels: three classes drawn uniformly among those
   * present, then one input of each drawn uniformly.
   *
   * @throws IllegalArgumentException if the labels hold fewer than three classes
   */
  public static List<Triplet> distinctClasses(int[] labels, int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("triplet count must not be negative, got " + count);
    }
    List<int[]> members = membersByClass(labels);
    if (members.size() < 3) {
      throw new IllegalArgumentException(
          "triplets of distinct classes need inputs of at least 3 classes, the labels hold %d"
              .formatted(members.size()));
    }

    Random random = new Random(seed);
    int[] classes = Shuffle.indices(members.size(), random);
    List<Triplet> triplets = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      Shuffle.shuffle(classes, random);
      triplets.add(
          new Triplet(
              pick(members.get(classes[0]), random),
              pick(members.get(classes[1]), random),
              pick(members.get(classes[2]), random)));
    }
    return triplets;
  }

  /**
   * Triplets of three different inputs of one class, the class drawn uniformly among those with at
   * least three inputs.
   *
   * @throws IllegalArgumentException if no class has three inputs
   */
  public static List<Triplet> sameClass(int[] labels, int count, long seed) {
    List<int[]> members = membersByClass(labels).stream().filter(m -> m.length >= 3).toList();
    if (members.isEmpty()) {
      throw new IllegalArgumentException("triplets of one class need a class with 3 inputs");
    }
    Random random = new Random(seed);
    List<Triplet> triplets = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int[] pool = members.get(random.nextInt(members.size()));
      int[] three = Shuffle.indices(pool.length, random);
      triplets.add(new Triplet(pool[three[0]], pool[three[1]], pool[three[2]]));
    }
    return triplets;
  }

  /**
   * Triplets of two correctly labeled training inputs of a class and, third, one input whose label
   * noise flipped it to that class: the mislabeled point sits among inputs truly of its noisy
   * class.
   *
   * @param trueLabels the training inputs' own labels
   * @param noisyLabels the labels the models learned
   * @throws IllegalArgumentException if no flipped input has two correct partners
   */
  public static List<Triplet> mislabeled(
      int[] trueLabels, int[] noisyLabels, int count, long seed) {
    Map<Integer, int[]> correct = correctByClass(trueLabels, noisyLabels);
    List<Integer> flipped = new ArrayList<>();
    for (int i = 0; i < trueLabels.length; i++) {
      int[] partners = correct.get(noisyLabels[i]);
      if (trueLabels[i] != noisyLabels[i] && partners != null && partners.length >= 2) {
        flipped.add(i);
      }
    }
    if (flipped.isEmpty()) {
      throw new IllegalArgumentException(
          "no training input was flipped by label noise into a class with 2 correct inputs");
    }
    Random random = new Random(seed);
    List<Triplet> triplets = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int odd = flipped.get(random.nextInt(flipped.size()));
      int[] pool = correct.get(noisyLabels[odd]);
      int[] two = Shuffle.indices(pool.length, random);
      triplets.add(new Triplet(pool[two[0]], pool[two[1]], odd));
    }
    return triplets;
  }

  /** The correctly labeled inputs of each class. */
  private static Map<Integer, int[]> correctByClass(int[] trueLabels, int[] noisyLabels) {
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < trueLabels.length; i++) {
      if (trueLabels[i] == noisyLabels[i]) {
        byClass.computeIfAbsent(trueLabels[i], c -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, int[]> members = new TreeMap<>();
    byClass.forEach(
        (c, list) -> members.put(c, list.stream().mapToInt(Integer::intValue).toArray()));
    return members;
  }

  /** The indices of each class present, classes in ascending order. */
  private static List<int[]> membersByClass(int[] labels) {
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
    }
    return byClass.values().stream()
        .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
        .toList();
  }

  private static int pick(int[] members, Random random) {
    return members[random.nextInt(members.length)];
  }
}
