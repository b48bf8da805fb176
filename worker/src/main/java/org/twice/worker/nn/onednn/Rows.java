package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor as ND4J arrays, one row per image, for the layers ND4J runs: its values in plain order
 * (channels first, for images), and the gradient those layers hand back, which reaches the tensor
 * in its own layout. A tensor already held in a plain ND4J array is read and given its gradient in
 * place; any other is reordered into rows and back.
 */
final class Rows implements Operation {
  private final Tensor input;
  private final Tensor output;
  private final boolean inPlace;
  private final INDArray values;
  private final INDArray gradient;

  Rows(Plan plan, Tensor input) {
    this.input = input;
    long[] dims = input.dims();
    long features = 1;
    for (int axis = 1; axis < dims.length; axis++) {
      features *= dims[axis];
    }
    inPlace = input.array() != null;
    gradient = Nd4j.create(DataType.FLOAT, dims[0], features);
    if (inPlace) {
      values = input.array().reshape(dims[0], features);
      output = input;
      return;
    }
    values = Nd4j.create(DataType.FLOAT, dims[0], features);
    output = new Tensor(Dnnl.bound(values, dims), input.needsGradient());
    input.read();
    plan.forward(
        new reorder(input.value(), output.value()),
        DNNL_ARG_FROM,
        input.value(),
        DNNL_ARG_TO,
        output.value());
  }

  /** The values, [batch, features]: written by the forward pass, to be read. */
  INDArray values() {
    return values;
  }

  /**
   * The array the one reader of the rows writes their gradient into, [batch, features]; it counts
   * itself with {@code output().read()} when it is made and calls this while planning its backward
   * pass.
   */
  INDArray gradient() {
    output.share(Dnnl.bound(gradient, input.dims()));
    return gradient;
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    if (inPlace || !input.needsGradient()) {
      return;
    }
    memory from = output.gradient(plan);
    memory share = input.share();
    plan.backward(new reorder(from, share), DNNL_ARG_FROM, from, DNNL_ARG_TO, share);
  }
}
