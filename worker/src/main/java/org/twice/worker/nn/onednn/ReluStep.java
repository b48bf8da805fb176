package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl;

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
    if (!input.needsGradient()) {
      return;
    }
    plan.backward(
        new eltwise_backward(
            new eltwise_backward.primitive_desc(
                new eltwise_backward.desc(
                    dnnl.algorithm.eltwise_relu_use_dst_for_bwd, output.desc(), output.desc()),
                Dnnl.ENGINE,
                forward)),
        DNNL_ARG_DST,
        output.value(),
        DNNL_ARG_DIFF_DST,
        output.gradient(plan),
        DNNL_ARG_DIFF_SRC,
        input.share());
  }
}
