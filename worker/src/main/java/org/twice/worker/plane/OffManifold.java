package org.twice.worker.plane;

import java.util.Random;
import org.twice.worker.data.Shuffle;

/**
 * Inputs taken off the data manifold: an image's pixels in a seeded random order. The pixel values
 * stay those of a real image; only their arrangement is no longer natural.
 */
public final class OffManifold {
  private OffManifold() {}

  /** The image with its values permuted, by a permutation drawn from the seed and the index. */
  public static float[] shuffled(float[] image, long seed, int index) {
    int[] order = Shuffle.indices(image.length, new Random(seed * 1_000_003L + index));
    float[] out = new float[image.length];
    for (int k = 0; k < image.length; k++) {
      out[k] = image[order[k]];
    }
    return out;
  }
}
