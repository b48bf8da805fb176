package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;

/**
 * The element-wise sum of two or more tensors, a residual connection. Its gradient passes to every
 * input unchanged, as the very same memory where an input has the sum's layout.
 */
final class Add implements Operation {
  private final List<Tensor> inputs;
  private final Tensor output;

  Add(Plan plan, List<Tensor> inputs) {
    if (inputs.size() < 2) {
      throw new UnsupportedNetworkException("a sum of %d inputs".formatted(inputs.size()));
    }
    this.inputs = inputs;
    long[] dims = inputs.get(0).dims();
    for (Tensor input : inputs) {
      if (!Arrays.equals(input.dims(), dims)) {
        throw new UnsupportedNetworkException("a sum of arrays of different shapes");
      }
      input.read();
    }
    output = Tensor.allocated(inputs.get(0).desc(), true);
    memory sum = inputs.get(0).value();
    for (Tensor input : inputs.subList(1, inputs.size())) {
      memory next = input.value();
      plan.forward(
          Binary.primitive(sum, next, output.value()),
          DNNL_ARG_SRC_0,
          sum,
          DNNL_ARG_SRC_1,
          next,
          DNNL_ARG_DST,
          output.value());
      sum = output.value();
    }
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    memory gradient = output.gradient(plan);
    for (Tensor input : inputs) {
      if (!input.needsGradient()) {
        continue;
      }
      if (input.desc().equals(output.desc())) {
        input.share(gradient);
      } else {
        memory share = input.share();
        plan.backward(new reorder(gradient, share), DNNL_ARG_FROM, gradient, DNNL_ARG_TO, share);
      }
    }
  }
}
