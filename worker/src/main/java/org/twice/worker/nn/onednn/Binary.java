package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;

/** Element-wise sums of two arrays of the same dimensions, in any layouts. */
final class Binary {
  private Binary() {}

  /** Plans {@code sum = a + b} as the next backward step; {@code sum} may be {@code a}. */
  static void add(Plan plan, memory a, memory b, memory sum) {
    plan.backward(primitive(a, b, sum), DNNL_ARG_SRC_0, a, DNNL_ARG_SRC_1, b, DNNL_ARG_DST, sum);
  }

  /** The primitive computing {@code sum = a + b}. */
  static binary primitive(memory a, memory b, memory sum) {
    return new binary(
        new binary.primitive_desc(
            new binary.desc(dnnl.algorithm.binary_add, a.get_desc(), b.get_desc(), sum.get_desc()),
            Dnnl.ENGINE));
  }
}
