package org.twice.worker.tasks;

import java.util.List;

/**
 * The parameters of a plane task: the model (its train task's key) and the triplets of test images
 * whose planes it maps, shared by every model of the experiment.
 */
public record PlaneParams(
    DataRef data,
    String model,
    List<List<Integer>> triplets,
    int resolution,
    double rangeLow,
    double rangeHigh) {

  public PlaneParams withoutDirectory() {
    return new PlaneParams(
        data.withoutDirectory(), model, triplets, resolution, rangeLow, rangeHigh);
  }
}
