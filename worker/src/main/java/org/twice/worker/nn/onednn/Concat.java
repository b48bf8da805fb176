package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;

/**
 * Tensors of the same image size stacked along the channels, a dense block's merge. The result is
 * kept channels-first and plain, so that every input is a slice of it at its channel offset
 * whatever its channel count: each is reordered into its slice, and the backward pass reorders each
 * slice of the gradient back into the input's layout.
 */
final class Concat implements Operation {
  private final List<Tensor> inputs;
  private final Tensor output;
  private final List<long[]> offsets = new ArrayList<>();

  Concat(Plan plan, List<Tensor> inputs) {
    this.inputs = inputs;
    long[] dims = inputs.get(0).dims();
    long channels = 0;
    for (Tensor input : inputs) {
      long[] d = input.dims();
      if (d.length != 4 || d[0] != dims[0] || d[2] != dims[2] || d[3] != dims[3]) {
        throw new UnsupportedNetworkException("a merge of images of different sizes");
      }
      offsets.add(new long[] {0, channels, 0, 0});
      channels += d[1];
      input.read();
    }
    output = Tensor.allocated(Dnnl.plain(dims[0], channels, dims[2], dims[3]), true);
    for (int k = 0; k < inputs.size(); k++) {
      memory slice = slice(output.value(), inputs.get(k), offsets.get(k));
      memory in = inputs.get(k).value();
      plan.forward(new reorder(in, slice), DNNL_ARG_FROM, in, DNNL_ARG_TO, slice);
    }
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    memory gradient = output.gradient(plan);
    for (int k = 0; k < inputs.size(); k++) {
      Tensor input = inputs.get(k);
      if (!input.needsGradient()) {
        continue;
      }
      memory slice = slice(gradient, input, offsets.get(k));
      memory share = input.share();
      plan.backward(new reorder(slice, share), DNNL_ARG_FROM, slice, DNNL_ARG_TO, share);
    }
  }

  /** The part of a whole array that holds one input, over the whole array's buffer. */
  private static memory slice(memory whole, Tensor input, long[] offset) {
    memory.desc desc = whole.get_desc().submemory_desc(input.dims(), offset);
    return new memory(desc, Dnnl.ENGINE, whole.get_data_handle());
  }
}
