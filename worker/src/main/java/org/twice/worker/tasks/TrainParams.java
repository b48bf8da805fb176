package org.twice.worker.tasks;

import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.TrainConfig;

/** The parameters of a train task. */
public record TrainParams(
    DataRef data,
    String architecture,
    int width,
    String optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed,
    double labelNoise) {

  public TrainConfig config() {
    return new TrainConfig(
        Architecture.bySpecName(architecture).orElseThrow(),
        width,
        OptimizerKind.bySpecName(optimizer).orElseThrow(),
        learningRate,
        epochs,
        batchSize,
        seed);
  }

  public TrainParams withoutDirectory() {
    return new TrainParams(
        data.withoutDirectory(),
        architecture,
        width,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        labelNoise);
  }
}
