package org.twice.store;

/**
 * How far a checkpoint's training had come: the epochs done, and the training time they took over
 * the attempts that trained them.
 */
public record CheckpointProgress(int epochs, long trainMs) {
  public CheckpointProgress {
    if (epochs < 1 || trainMs < 0) {
      throw new IllegalArgumentException(
          "a checkpoint needs epochs >= 1 and trainMs >= 0, got epochs=%d trainMs=%d"
              .formatted(epochs, trainMs));
    }
  }
}
