package org.twice.scheduler.spec;

import java.util.List;

/**
 * How an experiment probes decision regions: on planes through triplets of inputs, each sampled as
 * a grid of {@code resolution x resolution} points that extends past the triplet by {@code
 * rangeLow} and {@code rangeHigh} times its extent on each axis.
 *
 * @param triplets how many triplets to sample; every model is probed on the same ones
 * @param mode how triplets are sampled, one of {@link #MODES}
 * @param resolution points per side of the grid
 * @param rangeLow margin before the triplet, as a share of its extent
 * @param rangeHigh margin after the triplet, as a share of its extent
 * @param seed seeds the sampling of triplets
 * @param ids the triplets of test-image indices the user names, for mode {@code given}; empty
 *     otherwise
 * @param pictures whether to store a picture of every map
 */
public record PlaneSpec(
    int triplets,
    String mode,
    int resolution,
    double rangeLow,
    double rangeHigh,
    long seed,
    List<List<Integer>> ids,
    boolean pictures) {
  /**
   * Triplet sampling modes: three test images of three different classes; of one class; two
   * correctly labeled training images of a class and one training image flipped to that class by
   * label noise; test images of distinct classes with their pixels shuffled (off the data
   * manifold); or the test images the user names.
   */
  public static final List<String> MODES =
      List.of("distinct_classes", "same_class", "mislabeled", "off_manifold", "given");

  /** The planes of a spec that has no {@code planes} section. */
  public static final PlaneSpec DEFAULTS =
      new PlaneSpec(10, "distinct_classes", 50, 0.1, 0.1, 0, List.of(), true);

  public PlaneSpec {
    ids = List.copyOf(ids);
  }
}
