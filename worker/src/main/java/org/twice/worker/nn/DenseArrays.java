package org.twice.worker.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Whether an array is laid out densely in c order, and a dense copy where it is not. */
final class DenseArrays {
  private DenseArrays() {}

  /**
   * Whether the array is laid out as a dense c-order array of its shape, as native code reading it
   * by address expects. Axes of size one are skipped: ND4J gives them strides of its own choosing
   * (a [16, 1, 3, 3] weight gradient, say), which no element is ever reached through.
   */
  static boolean isDense(INDArray array) {
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
  static INDArray dense(INDArray array) {
    return isDense(array) ? array : array.dup('c');
  }
}
