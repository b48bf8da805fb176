package org.twice.worker.nn;

/**
 * Frees the native memory of arrays a task no longer uses. ND4J keeps an array's values outside the
 * Java heap and releases them only when the garbage collector finds the array unreachable; a
 * network's forward passes make many such arrays while using little heap, so nothing prompts a
 * collection and a worker that maps plane after plane grows until the operating system kills it.
 * Asking for a collection at the end of each batch of planes and of each task bounds it.
 */
public final class NativeMemory {
  private NativeMemory() {}

  /** Asks the garbage collector to run, which releases unreachable arrays' native memory. */
  public static void reclaim() {
    System.gc();
  }
}
