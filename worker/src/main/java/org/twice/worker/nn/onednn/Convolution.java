package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;

/**
 * A 2-d convolution, with a bias or without and with the identity or ReLU as its activation, the
 * ReLU fused into the forward primitive. All three primitives are planned for training with layouts
 * of oneDNN's choosing; the weights are reordered into those from DL4J's [out, in, kernel height,
 * kernel width] array every step, and their gradient back into DL4J's.
 */
final class Convolution implements Operation {
  private final Tensor input;
  private final Tensor output;
  private final boolean relu;
  private final Parameters parameters;
  private final memory source;
  private final memory forwardWeights;
  private final convolution_forward.primitive_desc forward;
  private final memory.desc bias;
  private final boolean hasBias;
  private final Window window;
  private final long[] weightDims;

  Convolution(Plan plan, Tensor input, ConvolutionLayer conf, Parameters parameters) {
    check(conf);
    this.input = input;
    this.parameters = parameters;
    this.relu = Activations.isRelu(conf.getActivationFn());
    long channels = input.dim(1);
    long filters = conf.getNOut();
    window =
        Window.of(
            input.dim(2),
            input.dim(3),
            conf.getKernelSize(),
            conf.getStride(),
            conf.getPadding(),
            conf.getConvolutionMode());
    weightDims = new long[] {filters, channels, window.kernel()[0], window.kernel()[1]};
    long[] outDims = {input.dim(0), filters, window.out()[0], window.out()[1]};
    hasBias = conf.hasBias();
    // An empty description means no bias to oneDNN.
    bias = hasBias ? Dnnl.plain(filters) : new memory.desc();

    forward =
        new convolution_forward.primitive_desc(
            new convolution_forward.desc(
                dnnl.prop_kind.forward_training,
                dnnl.algorithm.convolution_direct,
                Dnnl.any(input.dims()),
                Dnnl.any(weightDims),
                bias,
                Dnnl.any(outDims),
                window.stride(),
                window.padBefore(),
                window.padAfter()),
            relu ? ReluStep.fused() : new primitive_attr(),
            Dnnl.ENGINE);
    memory weights =
        Dnnl.bound(parameters.value(ConvolutionParamInitializer.WEIGHT_KEY), weightDims);
    source = plan.forwardAs(input.value(), forward.src_desc());
    forwardWeights = plan.forwardAs(weights, forward.weights_desc());
    output = Tensor.allocated(forward.dst_desc(), true);
    input.read();
    plan.forward(
        new convolution_forward(forward),
        DNNL_ARG_SRC,
        source,
        DNNL_ARG_WEIGHTS,
        forwardWeights,
        DNNL_ARG_BIAS,
        hasBias
            ? Dnnl.bound(parameters.value(ConvolutionParamInitializer.BIAS_KEY), filters)
            : null,
        DNNL_ARG_DST,
        output.value());
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    memory delta = relu ? ReluStep.gradientBefore(plan, output) : output.gradient(plan);
    planWeightGradients(plan, delta);
    if (input.needsGradient()) {
      planInputGradient(plan, delta);
    }
  }

  private void planWeightGradients(Plan plan, memory delta) {
    convolution_backward_weights.primitive_desc pd =
        new convolution_backward_weights.primitive_desc(
            new convolution_backward_weights.desc(
                dnnl.algorithm.convolution_direct,
                Dnnl.any(input.dims()),
                Dnnl.any(weightDims),
                bias,
                output.desc(),
                window.stride(),
                window.padBefore(),
                window.padAfter()),
            Dnnl.ENGINE,
            forward);
    Backward.weights(
        plan,
        pd,
        new convolution_backward_weights(pd),
        source,
        delta,
        Dnnl.bound(parameters.gradient(ConvolutionParamInitializer.WEIGHT_KEY), weightDims),
        hasBias
            ? Dnnl.bound(parameters.gradient(ConvolutionParamInitializer.BIAS_KEY), output.dim(1))
            : null);
  }

  private void planInputGradient(Plan plan, memory delta) {
    convolution_backward_data.primitive_desc pd =
        new convolution_backward_data.primitive_desc(
            new convolution_backward_data.desc(
                dnnl.algorithm.convolution_direct,
                Dnnl.any(input.dims()),
                Dnnl.any(weightDims),
                output.desc(),
                window.stride(),
                window.padBefore(),
                window.padAfter()),
            Dnnl.ENGINE,
            forward);
    Backward.input(plan, pd, new convolution_backward_data(pd), delta, forwardWeights, input);
  }

  private static void check(ConvolutionLayer conf) {
    if (conf.getClass() != ConvolutionLayer.class) {
      throw new UnsupportedNetworkException("a " + conf.getClass().getSimpleName());
    }
    if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedNetworkException("a convolution over channels-last images");
    }
    int[] dilation = conf.getDilation();
    if (dilation[0] != 1 || dilation[1] != 1) {
      throw new UnsupportedNetworkException("a dilated convolution");
    }
    if (!Activations.isRelu(conf.getActivationFn())
        && !Activations.isIdentity(conf.getActivationFn())) {
      throw new UnsupportedNetworkException(
          "a convolution with activation " + conf.getActivationFn());
    }
    Layers.checkPlain(conf);
  }
}
