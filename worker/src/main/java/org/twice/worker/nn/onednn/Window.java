package org.twice.worker.nn.onednn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;

/**
 * Where a convolution's or a pooling's kernel goes over an image, as DL4J places it: the output's
 * height and width, and the padding before and after each axis. In {@code Same} mode the output is
 * the input divided by the stride, rounded up, with DL4J's padding (one more after than before
 * where it is odd); otherwise the configured padding on both sides, and what the stride leaves over
 * is dropped ({@code Truncate}) or refused ({@code Strict}). Convolutions of the native helpers and
 * of programs, and programs' poolings, all place their kernels through this.
 */
public record Window(long[] kernel, long[] stride, long[] out, long[] padBefore, long[] padAfter) {
  private static final int[] NO_DILATION = {1, 1};

  public static Window of(
      long height, long width, int[] kernel, int[] stride, int[] pad, ConvolutionMode mode) {
    int[] in = {Math.toIntExact(height), Math.toIntExact(width)};
    int[] out = new int[2];
    int[] before;
    if (mode == ConvolutionMode.Same) {
      for (int axis = 0; axis < 2; axis++) {
        out[axis] = (in[axis] + stride[axis] - 1) / stride[axis];
      }
      before = ConvolutionUtils.getSameModeTopLeftPadding(out, in, kernel, stride, NO_DILATION);
    } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
      for (int axis = 0; axis < 2; axis++) {
        int span = in[axis] + 2 * pad[axis] - kernel[axis];
        if (mode == ConvolutionMode.Strict && span % stride[axis] != 0) {
          throw new UnsupportedNetworkException(
              "a window of %d with stride %d that does not fit a %d-pixel axis in Strict mode"
                  .formatted(kernel[axis], stride[axis], in[axis]));
        }
        out[axis] = span / stride[axis] + 1;
      }
      before = pad;
    } else {
      throw new UnsupportedNetworkException("convolution mode " + mode);
    }
    long[] after = new long[2];
    for (int axis = 0; axis < 2; axis++) {
      after[axis] = (long) (out[axis] - 1) * stride[axis] + kernel[axis] - in[axis] - before[axis];
      if (out[axis] < 1) {
        throw new UnsupportedNetworkException(
            "a window of %d with stride %d that leaves part of a %d-pixel axis out"
                .formatted(kernel[axis], stride[axis], in[axis]));
      }
    }
    return new Window(longs(kernel), longs(stride), longs(out), longs(before), after);
  }

  private static long[] longs(int[] values) {
    return new long[] {values[0], values[1]};
  }
}
