package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.onednn.Window;

/**
 * The sizes of one 2-d convolution over a channels-first batch, without dilation: input, weights
 * ([out, in, kernel height, kernel width]), output, and where the kernel goes over the image
 * ({@link Window}: strides and the padding before and after each spatial axis, as DL4J places them,
 * {@code Same} mode included).
 */
record ConvGeometry(
    long batch, long inChannels, long outChannels, long height, long width, Window window) {

  /** The geometry DL4J's convolution layer computes for this input and configuration. */
  static ConvGeometry of(
      INDArray input,
      INDArray weights,
      int[] kernel,
      int[] stride,
      int[] pad,
      ConvolutionMode mode) {
    return new ConvGeometry(
        input.size(0),
        input.size(1),
        weights.size(0),
        input.size(2),
        input.size(3),
        Window.of(input.size(2), input.size(3), kernel, stride, pad, mode));
  }

  long[] inputShape() {
    return new long[] {batch, inChannels, height, width};
  }

  long[] weightShape() {
    return new long[] {outChannels, inChannels, window.kernel()[0], window.kernel()[1]};
  }

  long[] outputShape() {
    return new long[] {batch, outChannels, window.out()[0], window.out()[1]};
  }

  long[] strides() {
    return window.stride();
  }

  long[] padBefore() {
    return window.padBefore();
  }

  long[] padAfter() {
    return window.padAfter();
  }
}
