package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sizes of one 2-d convolution over a channels-first batch, without dilation: input, weights
 * ([out, in, kernel height, kernel width]), output, strides, and the padding before and after each
 * spatial axis. The padding after is what the output size leaves over, so that it also covers
 * DL4J's {@code Same} mode and strides that do not divide the padded input evenly.
 */
record ConvGeometry(
    long batch,
    long inChannels,
    long outChannels,
    long height,
    long width,
    int[] kernel,
    int[] stride,
    int[] padTop,
    int[] out) {

  /** The geometry DL4J's convolution layer computes for this input and configuration. */
  static ConvGeometry of(
      INDArray input,
      INDArray weights,
      int[] kernel,
      int[] stride,
      int[] pad,
      ConvolutionMode mode) {
    int[] dilation = {1, 1};
    int[] out;
    int[] before;
    if (mode == ConvolutionMode.Same) {
      out =
          ConvolutionUtils.getOutputSize(
              input, kernel, stride, null, mode, dilation, CNN2DFormat.NCHW);
      before =
          ConvolutionUtils.getSameModeTopLeftPadding(
              out, new int[] {(int) input.size(2), (int) input.size(3)}, kernel, stride, dilation);
    } else {
      out =
          ConvolutionUtils.getOutputSize(
              input, kernel, stride, pad, mode, dilation, CNN2DFormat.NCHW);
      before = pad;
    }
    return new ConvGeometry(
        input.size(0),
        input.size(1),
        weights.size(0),
        input.size(2),
        input.size(3),
        kernel.clone(),
        stride.clone(),
        before.clone(),
        out);
  }

  long[] inputShape() {
    return new long[] {batch, inChannels, height, width};
  }

  long[] weightShape() {
    return new long[] {outChannels, inChannels, kernel[0], kernel[1]};
  }

  long[] outputShape() {
    return new long[] {batch, outChannels, out[0], out[1]};
  }

  long[] strides() {
    return new long[] {stride[0], stride[1]};
  }

  long[] padBefore() {
    return new long[] {padTop[0], padTop[1]};
  }

  long[] padAfter() {
    return new long[] {
      (long) (out[0] - 1) * stride[0] + kernel[0] - height - padTop[0],
      (long) (out[1] - 1) * stride[1] + kernel[1] - width - padTop[1]
    };
  }
}
