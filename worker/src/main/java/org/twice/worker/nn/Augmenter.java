package org.twice.worker.nn;

import java.util.Random;
import java.util.Set;

/**
 * Applies a config's augmentations to images in place, drawing every random choice from the stream
 * it is given, so that a seeded stream gives the same images every time. Not thread-safe.
 */
final class Augmenter {
  /** How far a crop may move the image: the zero padding on each side. */
  static final int PADDING = 4;

  private final boolean crop;
  private final boolean flip;
  private float[] scratch = new float[0];

  Augmenter(Set<Augmentation> augmentations) {
    this.crop = augmentations.contains(Augmentation.CROP);
    this.flip = augmentations.contains(Augmentation.FLIP);
  }

  boolean changesImages() {
    return crop || flip;
  }

  /** Changes the image at {@code offset} of {@code pixels}, of the given shape, in place. */
  void apply(float[] pixels, int offset, ImageShape shape, Random random) {
    int dy = crop ? random.nextInt(2 * PADDING + 1) - PADDING : 0;
    int dx = crop ? random.nextInt(2 * PADDING + 1) - PADDING : 0;
    boolean mirror = flip && random.nextBoolean();
    if (dy == 0 && dx == 0 && !mirror) {
      return;
    }

    int size = shape.features();
    if (scratch.length < size) {
      scratch = new float[size];
    }
    System.arraycopy(pixels, offset, scratch, 0, size);
    int height = shape.height();
    int width = shape.width();
    for (int c = 0; c < shape.channels(); c++) {
      int plane = c * height * width;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int sourceY = y + dy;
          int sourceX = (mirror ? width - 1 - x : x) + dx;
          boolean inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width;
          pixels[offset + plane + y * width + x] =
              inside ? scratch[plane + sourceY * width + sourceX] : 0f;
        }
      }
    }
  }
}
