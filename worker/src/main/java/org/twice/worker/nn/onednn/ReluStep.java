package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;

/** A ReLU activation layer that no batch normalisation before it could take in. */
final class ReluStep implements Operation {
  private final Tensor input;
  private final Tensor output;
  private final eltwise_forward.primitive_desc forward;

  ReluStep(Plan plan, Tensor input) {
    this.input = input;
    forward =
        new eltwise_forward.primitive_desc(
            new eltwise_forward.desc(
                dnnl.prop_kind.forward_training,
                dnnl.algorithm.eltwise_relu_use_dst_for_bwd,
                input.desc()),
            Dnnl.ENGINE);
    output = Tensor.allocated(forward.dst_desc(), true);
    input.read();
    plan.forward(
        new eltwise_forward(forward), DNNL_ARG_SRC, input.value(), DNNL_ARG_DST, output.value());
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    if (input.needsGradient()) {
      planBackward(plan, output, forward, input.share());
    }
  }

  /** Attributes that fuse a ReLU into a primitive, applied to what it computes. */
  static primitive_attr fused() {
    post_ops ops = new post_ops();
    ops.append_eltwise(1f, dnnl.algorithm.eltwise_relu, 0f, 0f);
    primitive_attr attr = new primitive_attr();
    attr.set_post_ops(ops);
    return attr;
  }

  /**
   * The gradient with respect to what went into a ReLU whose result is {@code output}, planned as
   * the next backward step: for a layer with the ReLU fused into its forward primitive.
   */
  static memory gradientBefore(Plan plan, Tensor output) {
    eltwise_forward.primitive_desc hint =
        new eltwise_forward.primitive_desc(
            new eltwise_forward.desc(
                dnnl.prop_kind.forward_training,
                dnnl.algorithm.eltwise_relu_use_dst_for_bwd,
                output.desc()),
            Dnnl.ENGINE);
    memory delta = Dnnl.allocate(output.desc());
    planBackward(plan, output, hint, delta);
    return delta;
  }

  /**
   * dL/dx = dL/dy where y = max(0, x) is positive, else 0; read off y, written into {@code into}.
   */
  private static void planBackward(
      Plan plan, Tensor output, eltwise_forward.primitive_desc hint, memory into) {
    plan.backward(
        new eltwise_backward(
            new eltwise_backward.primitive_desc(
                new eltwise_backward.desc(
                    dnnl.algorithm.eltwise_relu_use_dst_for_bwd, output.desc(), output.desc()),
                Dnnl.ENGINE,
                hint)),
        DNNL_ARG_DST,
        output.value(),
        DNNL_ARG_DIFF_DST,
        output.gradient(plan),
        DNNL_ARG_DIFF_SRC,
        into);
  }
}
