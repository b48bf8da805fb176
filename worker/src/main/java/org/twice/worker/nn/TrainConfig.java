package org.twice.worker.nn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to build and train one network. The same config, data and labels give bit-identical weights
 * on a CPU: the seed fixes the initial weights, the order of every epoch and the augmentation of
 * every image.
 *
 * @param width the width parameter of the architecture (see {@link Architecture})
 * @param schedule how the learning rate changes over the steps of training
 * @param augmentations the random changes made to each training image each time it is used
 * @param samRho the radius of SAM's step to the nearby worst point; used only by {@link
 *     OptimizerKind#SAM}
 */
public record TrainConfig(
    Architecture architecture,
    int width,
    OptimizerKind optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed,
    Schedule schedule,
    Set<Augmentation> augmentations,
    double samRho) {
  /** SAM's radius unless the spec says otherwise. */
  public static final double DEFAULT_SAM_RHO = 0.05;

  public TrainConfig {
    if (width <= 0 || epochs <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException(
          "width, epochs and batch size must be positive, got width=%d epochs=%d batchSize=%d"
              .formatted(width, epochs, batchSize));
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    if (!(samRho >= 0 && samRho <= 1)) {
      throw new IllegalArgumentException("SAM's rho must be in [0, 1], got " + samRho);
    }
    augmentations =
        Collections.unmodifiableSet(
            augmentations.isEmpty()
                ? EnumSet.noneOf(Augmentation.class)
                : EnumSet.copyOf(augmentations));
  }

  /** A config with a constant learning rate, no augmentation and the default SAM radius. */
  public TrainConfig(
      Architecture architecture,
      int width,
      OptimizerKind optimizer,
      double learningRate,
      int epochs,
      int batchSize,
      long seed) {
    this(
        architecture,
        width,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        Schedule.CONSTANT,
        Set.of(),
        DEFAULT_SAM_RHO);
  }
}
