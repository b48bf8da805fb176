package org.twice.worker.plane;

import java.util.ArrayList;
import java.util.List;
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
