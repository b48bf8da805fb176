package org.twice.worker.nn;

/**
 * How to build and train one network. The same config, data and labels give bit-identical weights
 * on a CPU: the seed fixes the initial weights and the order of every epoch.
 *
 * @param width the width parameter: hidden units of the MLP, filters of the CNN's first layer
 */
public record TrainConfig(
    Architecture architecture,
    int width,
    OptimizerKind optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed) {
  public TrainConfig {
    if (width <= 0 || epochs <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException(
          "width, epochs and batch size must be positive, got width=%d epochs=%d batchSize=%d"
              .formatted(width, epochs, batchSize));
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
  }
}
