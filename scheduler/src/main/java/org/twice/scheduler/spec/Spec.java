package org.twice.scheduler.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment spec, with its model grid expanded. Built only by {@link SpecParser};
 * every value in it has passed validation.
 *
 * @param file the spec file, absolute and normalised
 * @param name the experiment name
 * @param dataset the data to train and probe on
 * @param models every grid point, architecture outermost and seed innermost
 * @param distillations the students to distill from teachers among the models, in spec order
 * @param planes how decision regions are probed
 * @param scores the scores to compute, from {@link #SCORES}
 * @param groupBy the model fields, from {@link ModelSpec#GROUP_FIELDS}, whose values group the
 *     models on the axes of the reproducibility matrix
 * @param maxAttempts how many times a task is tried before it fails
 */
public record Spec(
    Path file,
    String name,
    DatasetSpec dataset,
    List<ModelSpec> models,
    List<Distillation> distillations,
    PlaneSpec planes,
    List<String> scores,
    List<String> groupBy,
    int maxAttempts) {
  /** The scores a spec may ask for, which are also the default. */
  public static final List<String> SCORES = List.of("accuracy", "reproducibility");

  public Spec {
    models = List.copyOf(models);
    distillations = List.copyOf(distillations);
    scores = List.copyOf(scores);
    groupBy = List.copyOf(groupBy);
  }
}
