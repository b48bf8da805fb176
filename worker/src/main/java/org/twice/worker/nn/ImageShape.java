package org.twice.worker.nn;

/** The shape of the images a network takes: channels, height and width, in NCHW order. */
public record ImageShape(int channels, int height, int width) {
  public ImageShape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "bad image shape: channels=%d height=%d width=%d".formatted(channels, height, width));
    }
  }

  /** The number of floats in one image. */
  public int features() {
    return channels * height * width;
  }
}
