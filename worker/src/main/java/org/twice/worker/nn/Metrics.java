package org.twice.worker.nn;

/** Accuracy and mean cross-entropy of a trained network on its training and test sets. */
public record Metrics(
    double trainAccuracy, double trainLoss, double testAccuracy, double testLoss) {}
