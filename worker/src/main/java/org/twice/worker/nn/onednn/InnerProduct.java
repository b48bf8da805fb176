package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.inner_product_backward_data;
import org.bytedeco.dnnl.inner_product_backward_weights;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.DenseArrays;

/**
 * A dense layer over rows of features, with a bias or without and with the identity or ReLU as its
 * activation, the ReLU fused into the forward primitive. DL4J keeps the weights as an [in, out]
 * array in column-major order, which is the [out, in] row-major array oneDNN takes: the primitives
 * are planned for that layout and read and write DL4J's arrays in place. (For 784-256 with batch
 * 128, oneDNN's own blocked layout ran its products 0.1 ms faster a step and cost 0.35 ms of
 * reorders.)
 */
final class InnerProduct implements Operation {
  private final Tensor input;
  private final Tensor output;
  private final boolean relu;
  private final Parameters parameters;
  private final inner_product_forward.primitive_desc forward;
  private final memory source;
  private final memory forwardWeights;
  private final memory.desc bias;
  private final boolean hasBias;
  private final long[] weightDims;

  InnerProduct(Plan plan, Tensor input, DenseLayer conf, Parameters parameters) {
    check(conf, input);
    this.input = input;
    this.parameters = parameters;
    this.relu = Activations.isRelu(conf.getActivationFn());
    weightDims = new long[] {conf.getNOut(), input.dim(1)};
    hasBias = conf.hasBias();
    // An empty description means no bias to oneDNN.
    bias = hasBias ? Dnnl.plain(conf.getNOut()) : new memory.desc();
    forward =
        new inner_product_forward.primitive_desc(
            new inner_product_forward.desc(
                dnnl.prop_kind.forward_training,
                Dnnl.any(input.dims()),
                Dnnl.plain(weightDims),
                bias,
                Dnnl.any(input.dim(0), conf.getNOut())),
            relu ? ReluStep.fused() : new primitive_attr(),
            Dnnl.ENGINE);
    source = plan.forwardAs(input.value(), forward.src_desc());
    forwardWeights =
        plan.forwardAs(weights(DefaultParamInitializer.WEIGHT_KEY, false), forward.weights_desc());
    output = Tensor.allocated(forward.dst_desc(), true);
    input.read();
    plan.forward(
        new inner_product_forward(forward),
        DNNL_ARG_SRC,
        source,
        DNNL_ARG_WEIGHTS,
        forwardWeights,
        DNNL_ARG_BIAS,
        hasBias
            ? Dnnl.bound(parameters.value(DefaultParamInitializer.BIAS_KEY), weightDims[0])
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
    inner_product_backward_weights.primitive_desc pd =
        new inner_product_backward_weights.primitive_desc(
            new inner_product_backward_weights.desc(
                Dnnl.any(input.dims()), Dnnl.plain(weightDims), bias, output.desc()),
            Dnnl.ENGINE,
            forward);
    Backward.weights(
        plan,
        pd,
        new inner_product_backward_weights(pd),
        source,
        delta,
        weights(DefaultParamInitializer.WEIGHT_KEY, true),
        hasBias
            ? Dnnl.bound(parameters.gradient(DefaultParamInitializer.BIAS_KEY), weightDims[0])
            : null);
  }

  private void planInputGradient(Plan plan, memory delta) {
    inner_product_backward_data.primitive_desc pd =
        new inner_product_backward_data.primitive_desc(
            new inner_product_backward_data.desc(
                Dnnl.any(input.dims()), Dnnl.plain(weightDims), output.desc()),
            Dnnl.ENGINE,
            forward);
    Backward.input(plan, pd, new inner_product_backward_data(pd), delta, forwardWeights, input);
  }

  /** DL4J's [in, out] column-major weights, or their gradient, as oneDNN's [out, in] array. */
  private memory weights(String key, boolean gradient) {
    INDArray array = (gradient ? parameters.gradients() : parameters.values()).get(key).transpose();
    if (!DenseArrays.isDense(array)) {
      throw new UnsupportedNetworkException(
          "layer %s keeps its weights in another order".formatted(parameters.layer()));
    }
    return Dnnl.bound(array, weightDims);
  }

  private static void check(DenseLayer conf, Tensor input) {
    if (input.dims().length != 2) {
      throw new UnsupportedNetworkException("a dense layer after images");
    }
    if (conf.hasLayerNorm()) {
      throw new UnsupportedNetworkException("a dense layer with layer normalisation");
    }
    if (!Activations.isRelu(conf.getActivationFn())
        && !Activations.isIdentity(conf.getActivationFn())) {
      throw new UnsupportedNetworkException(
          "a dense layer with activation " + conf.getActivationFn());
    }
    Layers.checkPlain(conf);
  }
}
