package org.twice.worker.nn.onednn;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.DenseArrays;

/**
 * oneDNN's CPU engine, one stream per thread, and the memory descriptions programs and the native
 * helpers are made of. The engine and the streams are the process's one set; a stream serves the
 * thread that got it.
 */
public final class Dnnl {
  public static final engine ENGINE = new engine(engine.kind.cpu, 0);
  private static final ThreadLocal<stream> STREAMS =
      ThreadLocal.withInitial(() -> new stream(ENGINE));

  private Dnnl() {}

  /** The calling thread's stream; a CPU stream runs each primitive to its end before returning. */
  public static stream stream() {
    return STREAMS.get();
  }

  /** A float array of these dimensions in whatever layout a primitive prefers. */
  public static memory.desc any(long... dims) {
    return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
  }

  /** A float array of these dimensions in a plain layout: nchw, nc, oihw or x. */
  public static memory.desc plain(long... dims) {
    return new memory.desc(dims, memory.data_type.f32, plainTag(dims.length));
  }

  /** A buffer of the description's size that oneDNN allocates and frees. */
  public static memory allocate(memory.desc desc) {
    return new memory(desc, ENGINE);
  }

  /** A memory without a buffer of its own, to be pointed at an ND4J array by {@link #bind}. */
  public static memory unbound(memory.desc desc) {
    return new memory(desc, ENGINE, new Pointer());
  }

  /** A memory of these dimensions in a plain layout that reads and writes the array in place. */
  static memory bound(INDArray array, long... dims) {
    if (array.length() != product(dims)) {
      throw new IllegalArgumentException(
          "an array of %d values for dimensions of %d".formatted(array.length(), product(dims)));
    }
    memory memory = unbound(plain(dims));
    bind(memory, array);
    return memory;
  }

  /** Points a memory at an array, which must be dense in c order. */
  static void bind(memory memory, INDArray array) {
    memory.set_data_handle(DenseArrays.address(array));
  }

  private static long product(long[] dims) {
    long product = 1;
    for (long dim : dims) {
      product *= dim;
    }
    return product;
  }

  private static memory.format_tag plainTag(int rank) {
    return switch (rank) {
      case 1 -> memory.format_tag.a;
      case 2 -> memory.format_tag.ab;
      case 4 -> memory.format_tag.abcd;
      default -> throw new IllegalArgumentException("no plain layout for rank " + rank);
    };
  }
}
