package org.twice.worker.nn;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether an array is laid out densely in c order, a dense copy where it is not, and where its
 * first element lies, for native code that reads and writes arrays by address.
 */
public final class DenseArrays {
  private DenseArrays() {}

  /**
   * Whether the array is laid out as a dense c-order array of its shape, as native code reading it
   * by address expects. Axes of size one are skipped: ND4J gives them strides of its own choosing
   * (a [16, 1, 3, 3] weight gradient, say), which no element is ever reached through.
   */
  public static boolean isDense(INDArray array) {
    long expected = 1;
    for (int axis = array.rank() - 1; axis >= 0; axis--) {
      if (array.size(axis) != 1 && array.stride(axis) != expected) {
        return false;
      }
      expected *= array.size(axis);
    }
    return true;
  }

  /** The array itself when it is dense, otherwise a dense c-order copy. */
  public static INDArray dense(INDArray array) {
    return isDense(array) ? array : array.dup('c');
  }

  /**
   * The address of an array's first element. A view's data buffer already starts at the view's
   * offset, so only what the array adds to that counts.
   */
  public static Pointer address(INDArray array) {
    long extra = array.offset() - array.data().offset();
    long at = array.data().addressPointer().address() + extra * Float.BYTES;
    return new Pointer() {
      {
        address = at;
      }
    };
  }
}
