package org.twice.worker.nn.onednn;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.twice.worker.nn.Relu;

/** The activations a program, or a native helper, runs natively. */
public final class Activations {
  private static final ActivationReLU PLAIN_RELU = new ActivationReLU();

  private Activations() {}

  /** The rectified linear unit max(0, x), as twice's layers or DL4J's plain ReLU compute it. */
  public static boolean isRelu(IActivation activation) {
    return activation instanceof Relu || PLAIN_RELU.equals(activation);
  }

  public static boolean isIdentity(IActivation activation) {
    return activation instanceof ActivationIdentity;
  }
}
