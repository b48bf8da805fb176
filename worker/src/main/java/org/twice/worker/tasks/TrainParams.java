package org.twice.worker.tasks;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;
import org.twice.worker.nn.TrainConfig;

/**
 * The parameters of a train task.
 *
 * @param schedule the spec word of the learning-rate schedule
 * @param augment the spec words of the augmentations, in their enum's order
 * @param samRho SAM's radius; 0 unless the optimizer is sam
 */
public record TrainParams(
    DataRef data,
    String architecture,
    int width,
    String optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed,
    double labelNoise,
    String schedule,
    List<String> augment,
    double samRho) {

  public TrainParams {
    augment = List.copyOf(augment);
  }

  public TrainConfig config() {
    return new TrainConfig(
        Architecture.bySpecName(architecture).orElseThrow(),
        width,
        OptimizerKind.bySpecName(optimizer).orElseThrow(),
        learningRate,
        epochs,
        batchSize,
        seed,
        Schedule.bySpecName(schedule).orElseThrow(),
        augmentations(),
        samRho);
  }

  /** The augmentations as one word for a table, such as {@code crop+flip}, empty for none. */
  public String augmentWords() {
    return String.join("+", augment);
  }

  /** The spec words of a set of augmentations, in their enum's order. */
  public static List<String> words(Set<Augmentation> augmentations) {
    return augmentations.stream().sorted().map(Augmentation::specName).toList();
  }

  private Set<Augmentation> augmentations() {
    return augment.stream()
        .map(word -> Augmentation.bySpecName(word).orElseThrow())
        .collect(Collectors.toSet());
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
        labelNoise,
        schedule,
        augment,
        samRho);
  }
}
