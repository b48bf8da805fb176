package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_desc_base;

/**
 * The backward steps of a layer with weights (a convolution, a dense layer), planned alike for both
 * from their primitives: each argument brought into the layout the primitive wants, and what it
 * writes brought back into DL4J's array or the input's share of its gradient.
 */
final class Backward {
  private Backward() {}

  /**
   * The weights' gradient, and the bias's where {@code biasGradient} is not null, from the input
   * {@code source} and the pre-activations' gradient {@code delta}.
   */
  static void weights(
      Plan plan,
      primitive_desc_base pd,
      primitive primitive,
      memory source,
      memory delta,
      memory weightGradient,
      memory biasGradient) {
    memory src = plan.backwardAs(source, pd.src_desc());
    memory diffDst = plan.backwardAs(delta, pd.diff_dst_desc());
    memory diffWeights = plan.output(weightGradient, pd.diff_weights_desc());
    plan.backward(
        primitive,
        DNNL_ARG_SRC,
        src,
        DNNL_ARG_DIFF_DST,
        diffDst,
        DNNL_ARG_DIFF_WEIGHTS,
        diffWeights,
        DNNL_ARG_DIFF_BIAS,
        biasGradient);
    plan.backwardInto(diffWeights, weightGradient);
  }

  /** The input's share of its gradient, from the pre-activations' gradient and the weights. */
  static void input(
      Plan plan,
      primitive_desc_base pd,
      primitive primitive,
      memory delta,
      memory weights,
      Tensor input) {
    memory diffDst = plan.backwardAs(delta, pd.diff_dst_desc());
    memory w = plan.backwardAs(weights, pd.weights_desc());
    memory share = input.share();
    memory diffSrc = plan.output(share, pd.diff_src_desc());
    plan.backward(
        primitive, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_WEIGHTS, w, DNNL_ARG_DIFF_SRC, diffSrc);
    plan.backwardInto(diffSrc, share);
  }
}
