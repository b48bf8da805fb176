package org.twice.worker.tasks;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.twice.store.Artifacts;
import org.twice.store.StoreException;
import org.twice.worker.nn.ModelCodec;

/** Reads the network a train or distill task stored as its {@link TrainRunner#WEIGHTS}. */
final class StoredModels {
  private StoredModels() {}

  static ComputationGraph load(Artifacts artifacts, long modelTask) {
    byte[] weights =
        artifacts
            .get(modelTask, TrainRunner.WEIGHTS)
            .orElseThrow(
                () -> new StoreException("task " + modelTask + " succeeded but stored no weights"));
    return ModelCodec.fromBytes(weights);
  }
}
