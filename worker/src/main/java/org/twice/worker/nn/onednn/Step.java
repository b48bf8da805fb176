package org.twice.worker.nn.onednn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;

/** One thing a program does in its forward or backward pass, planned once and run every step. */
@FunctionalInterface
interface Step {
  void run(stream stream);

  /** A primitive with its arguments, which stay the same memories from step to step. */
  static Step call(primitive primitive, IntMemoryMap args) {
    return stream -> primitive.execute(stream, args);
  }

  /**
   * Arguments for a primitive: pairs of an argument's number and its memory. A pair whose memory is
   * null is left out, for arguments only some configurations have (a bias, a workspace).
   */
  static IntMemoryMap args(Object... pairs) {
    IntMemoryMap args = new IntMemoryMap();
    for (int k = 0; k < pairs.length; k += 2) {
      if (pairs[k + 1] != null) {
        args.put((Integer) pairs[k], (memory) pairs[k + 1]);
      }
    }
    return args;
  }
}
