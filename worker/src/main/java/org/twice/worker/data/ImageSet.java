package org.twice.worker.data;

import java.util.Arrays;

/**
 * Images with their labels, held in one array: image i occupies {@code features()} consecutive
 * floats in channel, row, column order (NCHW), each pixel scaled to [0, 1].
 *
 * <p>The arrays are shared, not copied; treat them as read-only.
 */
public record ImageSet(
    int count, int channels, int height, int width, float[] pixels, int[] labels) {
  public ImageSet {
    if (count < 0 || channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "bad image set shape: count=%d channels=%d height=%d width=%d"
              .formatted(count, channels, height, width));
    }
    if (pixels.length != (long) count * channels * height * width || labels.length != count) {
      throw new IllegalArgumentException(
          "image set of %d images of %dx%dx%d holds %d pixels and %d labels"
              .formatted(count, channels, height, width, pixels.length, labels.length));
    }
  }

  /** The number of floats in one image: channels x height x width. */
  public int features() {
    return channels * height * width;
  }

  /** A copy of image i, flattened in NCHW order. */
  public float[] image(int i) {
    int from = i * features();
    return Arrays.copyOfRange(pixels, from, from + features());
  }

  /** The first {@code n} images with their labels, as a new set. */
  public ImageSet head(int n) {
    if (n < 0 || n > count) {
      throw new IllegalArgumentException("cannot take %d of %d images".formatted(n, count));
    }
    return new ImageSet(
        n,
        channels,
        height,
        width,
        Arrays.copyOf(pixels, n * features()),
        Arrays.copyOf(labels, n));
  }

  /** The images at the given indices, in that order, copied. */
  public ImageSet select(int[] indices) {
    int size = features();
    float[] selected = new float[indices.length * size];
    int[] selectedLabels = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * size, selected, k * size, size);
      selectedLabels[k] = labels[indices[k]];
    }
    return new ImageSet(indices.length, channels, height, width, selected, selectedLabels);
  }
}
