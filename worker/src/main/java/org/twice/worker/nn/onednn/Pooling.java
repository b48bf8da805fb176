package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Max or average pooling over windows of the image, as DL4J's subsampling layer places them; also
 * the pooling over the whole image that ends a global pooling layer ({@link #global}). Max pooling
 * keeps where each maximum was in a workspace for the backward pass, which sends the gradient
 * there.
 */
final class Pooling implements Operation {
  private final Tensor input;
  private final Tensor output;
  private final dnnl.algorithm algorithm;
  private final Window window;
  private final pooling_forward.primitive_desc forward;
  private final memory workspace;

  private Pooling(Plan plan, Tensor input, dnnl.algorithm algorithm, Window window) {
    this.input = input;
    this.algorithm = algorithm;
    this.window = window;
    forward =
        new pooling_forward.primitive_desc(
            new pooling_forward.desc(
                dnnl.prop_kind.forward_training,
                algorithm,
                input.desc(),
                Dnnl.any(input.dim(0), input.dim(1), window.out()[0], window.out()[1]),
                window.stride(),
                window.kernel(),
                window.padBefore(),
                window.padAfter()),
            Dnnl.ENGINE);
    workspace =
        algorithm == dnnl.algorithm.pooling_max ? Dnnl.allocate(forward.workspace_desc()) : null;
    output = Tensor.allocated(forward.dst_desc(), true);
    input.read();
    plan.forward(
        new pooling_forward(forward),
        DNNL_ARG_SRC,
        input.value(),
        DNNL_ARG_DST,
        output.value(),
        DNNL_ARG_WORKSPACE,
        workspace);
  }

  /** A subsampling layer. */
  static Pooling of(Plan plan, Tensor input, SubsamplingLayer conf) {
    if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedNetworkException("a pooling over channels-last images");
    }
    int[] dilation = conf.getDilation();
    if (dilation[0] != 1 || dilation[1] != 1) {
      throw new UnsupportedNetworkException("a dilated pooling");
    }
    Layers.checkPlain(conf);
    Window window =
        Window.of(
            input.dim(2),
            input.dim(3),
            conf.getKernelSize(),
            conf.getStride(),
            conf.getPadding(),
            conf.getConvolutionMode());
    return new Pooling(plan, input, algorithm(conf), window);
  }

  /** The maximum or the mean over each channel's whole image: [batch, channels, 1, 1]. */
  static Pooling global(Plan plan, Tensor input, PoolingType type) {
    int[] image = {Math.toIntExact(input.dim(2)), Math.toIntExact(input.dim(3))};
    Window window =
        Window.of(image[0], image[1], image, image, new int[] {0, 0}, ConvolutionMode.Truncate);
    dnnl.algorithm algorithm =
        switch (type) {
          case MAX -> dnnl.algorithm.pooling_max;
          case AVG -> dnnl.algorithm.pooling_avg_exclude_padding;
          default -> throw new UnsupportedNetworkException("global pooling by " + type);
        };
    return new Pooling(plan, input, algorithm, window);
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    if (!input.needsGradient()) {
      return;
    }
    pooling_backward.primitive_desc pd =
        new pooling_backward.primitive_desc(
            new pooling_backward.desc(
                algorithm,
                input.desc(),
                output.desc(),
                window.stride(),
                window.kernel(),
                window.padBefore(),
                window.padAfter()),
            Dnnl.ENGINE,
            forward);
    plan.backward(
        new pooling_backward(pd),
        DNNL_ARG_DIFF_DST,
        output.gradient(plan),
        DNNL_ARG_WORKSPACE,
        workspace,
        DNNL_ARG_DIFF_SRC,
        input.share());
  }

  private static dnnl.algorithm algorithm(SubsamplingLayer conf) {
    return switch (conf.getPoolingType()) {
      case MAX -> dnnl.algorithm.pooling_max;
      case AVG ->
          conf.isAvgPoolIncludePadInDivisor()
              ? dnnl.algorithm.pooling_avg_include_padding
              : dnnl.algorithm.pooling_avg_exclude_padding;
      default -> throw new UnsupportedNetworkException("pooling by " + conf.getPoolingType());
    };
  }
}
