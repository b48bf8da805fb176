package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;

/**
 * The steps of a program as its operations plan them: the forward pass in the graph's order, then
 * the backward pass in the reverse order. A step holds its primitive and its arguments' memories;
 * the ND4J arrays some of those point at are the operations' to hold.
 */
final class Plan {
  private final List<Step> forward = new ArrayList<>();
  private final List<Step> backward = new ArrayList<>();

  List<Step> forwardSteps() {
    return List.copyOf(forward);
  }

  List<Step> backwardSteps() {
    return List.copyOf(backward);
  }

  void forward(primitive primitive, Object... args) {
    forward.add(Step.call(primitive, Step.args(args)));
  }

  void forward(Step step) {
    forward.add(step);
  }

  void backward(primitive primitive, Object... args) {
    backward.add(Step.call(primitive, Step.args(args)));
  }

  void backward(Step step) {
    backward.add(step);
  }

  /**
   * The memory in the layout a primitive wants: the memory itself where its layout is that one,
   * otherwise a buffer of that layout filled by a reorder that runs, every step, as the next
   * forward step.
   */
  memory forwardAs(memory source, memory.desc wanted) {
    return converted(source, wanted, forward);
  }

  /** As {@link #forwardAs}, with the reorder as the next backward step. */
  memory backwardAs(memory source, memory.desc wanted) {
    return converted(source, wanted, backward);
  }

  /**
   * Where a backward primitive that produces an array in the layout {@code produced} writes it so
   * that it ends up in {@code target}: the target itself where the layouts agree, otherwise a
   * buffer whose reorder into the target must be planned by {@link #backwardInto} after the
   * primitive.
   */
  memory output(memory target, memory.desc produced) {
    return target.get_desc().equals(produced) ? target : Dnnl.allocate(produced);
  }

  /**
   * Plans the reorder of what a primitive wrote into {@link #output}'s buffer, if it needed one.
   */
  void backwardInto(memory written, memory target) {
    if (written != target) {
      backward(new reorder(written, target), DNNL_ARG_FROM, written, DNNL_ARG_TO, target);
    }
  }

  private static memory converted(memory source, memory.desc wanted, List<Step> steps) {
    if (source.get_desc().equals(wanted)) {
      return source;
    }
    memory staged = Dnnl.allocate(wanted);
    steps.add(
        Step.call(
            new reorder(source, staged), Step.args(DNNL_ARG_FROM, source, DNNL_ARG_TO, staged)));
    return staged;
  }
}
