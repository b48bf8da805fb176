package org.twice.worker.tasks;

import java.util.List;

/**
 * The parameters of a plane task: the model (its train task's key) and the triplets whose planes it
 * maps, shared by every model of the experiment.
 *
 * @param split the images the triplets index: {@code test} or {@code train}
 * @param shuffled whether the anchors' pixels are shuffled (off the data manifold), each by a
 *     permutation drawn from {@code shuffleSeed} and its index
 * @param labelNoise the model's label noise, which tells which training anchors were mislabeled
 * @param pictures whether to store a picture of each map
 */
public record PlaneParams(
    DataRef data,
    String model,
    String split,
    List<List<Integer>> triplets,
    boolean shuffled,
    long shuffleSeed,
    double labelNoise,
    int resolution,
    double rangeLow,
    double rangeHigh,
    boolean pictures) {

  public PlaneParams withoutDirectory() {
    return new PlaneParams(
        data.withoutDirectory(),
        model,
        split,
        triplets,
        shuffled,
        shuffleSeed,
        labelNoise,
        resolution,
        rangeLow,
        rangeHigh,
        pictures);
  }

  public boolean onTrainingImages() {
    return split.equals("train");
  }
}
