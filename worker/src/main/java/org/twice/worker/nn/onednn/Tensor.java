package org.twice.worker.nn.onednn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation of a program: its value in the layout its producer chose, and, in the backward
 * pass, its gradient, which each consumer contributes a share of: written into a buffer of the
 * tensor's layout, or handed over as a memory that already holds it (an addition passes its own
 * gradient on). One share is the gradient; several are summed before the producer reads them.
 * Planned once; the memories stay the same from step to step.
 */
final class Tensor {
  private final long[] dims;
  private final memory value;
  private final INDArray array;
  private final boolean needsGradient;
  private final List<memory> shares = new ArrayList<>();
  private int consumers;
  private memory gradient;

  Tensor(memory value, boolean needsGradient) {
    this(value, null, needsGradient);
  }

  private Tensor(memory value, INDArray array, boolean needsGradient) {
    this.value = value;
    this.array = array;
    this.dims = dims(value.get_desc());
    this.needsGradient = needsGradient;
  }

  /**
   * A tensor in a buffer of its own, in the given layout: an ND4J array where the layout is plain,
   * so that ND4J can read it in place ({@link #array}), otherwise one oneDNN allocates.
   */
  static Tensor allocated(memory.desc desc, boolean needsGradient) {
    long[] dims = dims(desc);
    if (!desc.equals(Dnnl.plain(dims))) {
      return new Tensor(Dnnl.allocate(desc), needsGradient);
    }
    INDArray array = Nd4j.create(DataType.FLOAT, dims);
    return new Tensor(Dnnl.bound(array, dims), array, needsGradient);
  }

  /** The ND4J array holding the value in plain c order, or null where oneDNN holds it. */
  INDArray array() {
    return array;
  }

  memory value() {
    return value;
  }

  memory.desc desc() {
    return value.get_desc();
  }

  /** The logical dimensions, whatever the layout: [batch, channels, height, width]. */
  long[] dims() {
    return dims.clone();
  }

  long dim(int axis) {
    return dims[axis];
  }

  /** Whether anything upstream has parameters, so that the backward pass must reach this tensor. */
  boolean needsGradient() {
    return needsGradient;
  }

  /** Counts one more operation reading this tensor; all are counted before the backward pass. */
  void read() {
    consumers++;
  }

  /** A buffer in this tensor's layout for one consumer to write its share of the gradient into. */
  memory share() {
    memory share = Dnnl.allocate(value.get_desc());
    shares.add(share);
    return share;
  }

  /** Takes a memory in this tensor's layout that holds one consumer's share of the gradient. */
  void share(memory held) {
    shares.add(held);
  }

  /**
   * The whole gradient, once every consumer has planned its share: the one share itself, or the sum
   * of all of them, planned as the next backward steps.
   */
  memory gradient(Plan plan) {
    if (gradient != null) {
      return gradient;
    }
    if (shares.size() != consumers || consumers == 0) {
      throw new IllegalStateException(
          "a gradient of %d shares from %d consumers".formatted(shares.size(), consumers));
    }
    gradient = shares.get(0);
    for (memory share : shares.subList(1, shares.size())) {
      memory sum = gradient == shares.get(0) ? Dnnl.allocate(value.get_desc()) : gradient;
      Binary.add(plan, gradient, share, sum);
      gradient = sum;
    }
    return gradient;
  }

  static long[] dims(memory.desc desc) {
    long[] dims = new long[desc.data().ndims()];
    for (int axis = 0; axis < dims.length; axis++) {
      dims[axis] = desc.data().dims().get(axis);
    }
    return dims;
  }
}
