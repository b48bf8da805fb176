package org.twice.worker.nn.onednn;

/**
 * One vertex of a network in a program. Its forward steps are planned when it is made, with its
 * output tensor; {@link #planBackward} plans its backward steps, which read its output's gradient
 * and write its inputs' shares of theirs and the gradients of its parameters.
 */
interface Operation {
  /** The tensor this operation writes in the forward pass. */
  Tensor output();

  void planBackward(Plan plan);
}
