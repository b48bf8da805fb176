package org.twice.worker.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The optimizers a spec may name, by their spec word. */
public enum OptimizerKind {
  /** Stochastic gradient descent with Nesterov momentum 0.9 and weight decay 5e-4. */
  SGD("sgd"),
  /** Adam with its usual betas, without weight decay. */
  ADAM("adam"),
  /** SGD as above, each step taken with the gradient at a nearby worst point (SAM). */
  SAM("sam");

  private final String specName;

  OptimizerKind(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<OptimizerKind> bySpecName(String name) {
    return Arrays.stream(values()).filter(o -> o.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(OptimizerKind::specName).toList();
  }
}
