package org.twice.worker.tasks;

import org.jdbi.v3.core.Handle;
import org.twice.worker.data.ImageSet;
import org.twice.worker.nn.Evaluator;
import org.twice.worker.nn.Predictor;

/**
 * How a model trained with label noise fits its training set: accuracy and mean cross-entropy
 * against the true labels, and the share of flipped labels it learned. All are null without label
 * noise.
 */
record NoiseMetrics(Double trueAccuracy, Double trueLoss, Double memorized) {

  static NoiseMetrics of(Predictor net, ImageSet train, int[] learned) {
    int[] truth = train.labels();
    int flipped = 0;
    for (int i = 0; i < truth.length; i++) {
      flipped += truth[i] != learned[i] ? 1 : 0;
    }
    if (flipped == 0) {
      return new NoiseMetrics(null, null, null);
    }
    double[] fit = Evaluator.accuracyAndLoss(net, train, truth);
    return new NoiseMetrics(fit[0], fit[1], memorized(net, train, truth, learned, flipped));
  }

  /** The share of flipped training inputs the model predicts as their flipped label. */
  private static double memorized(
      Predictor net, ImageSet train, int[] truth, int[] learned, int flipped) {
    int[] indices = new int[flipped];
    int k = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] != learned[i]) {
        indices[k++] = i;
      }
    }
    ImageSet subset = train.select(indices);
    int[] noisy = new int[flipped];
    for (int j = 0; j < flipped; j++) {
      noisy[j] = learned[indices[j]];
    }
    return Evaluator.accuracy(net, subset, noisy);
  }

  void write(Handle handle, long taskId) {
    handle
        .createUpdate(
            "UPDATE models SET train_accuracy_true = :accuracy, train_loss_true = :loss,"
                + " noisy_memorized = :memorized WHERE task_id = :task")
        .bind("accuracy", trueAccuracy)
        .bind("loss", trueLoss)
        .bind("memorized", memorized)
        .bind("task", taskId)
        .execute();
  }
}
