package org.twice.scheduler.spec;

import java.util.List;
import java.util.stream.Collectors;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.OptimizerKind;

/**
 * One point of a spec's model grid: everything needed to train one network.
 *
 * @param labelNoise the share of training labels flipped to another class, in [0, 1)
 */
public record ModelSpec(
    Architecture architecture,
    int width,
    OptimizerKind optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed,
    double labelNoise) {
  /** The spec fields a reproducibility matrix may group models by. */
  public static final List<String> GROUP_FIELDS =
      List.of(
          "architecture",
          "width",
          "optimizer",
          "learning_rate",
          "epochs",
          "batch_size",
          "label_noise");

  private static final List<String> LABEL_FIELDS =
      List.of("architecture", "width", "optimizer", "learning_rate", "epochs", "batch_size");

  /** A short label for tables, such as {@code mlp w64 adam lr0.001 e2 b64 seed1 noise0}. */
  public String label() {
    return group(LABEL_FIELDS) + " seed" + seed + " " + value("label_noise");
  }

  /**
   * The values of the given fields, from {@link #GROUP_FIELDS}, joined by spaces in the order
   * given, such as {@code mlp} or {@code cnn w32}.
   *
   * @throws IllegalArgumentException for a field not in {@link #GROUP_FIELDS}
   */
  public String group(List<String> groupBy) {
    return groupBy.stream().map(this::value).collect(Collectors.joining(" "));
  }

  private String value(String field) {
    return switch (field) {
      case "architecture" -> architecture.specName();
      case "width" -> "w" + width;
      case "optimizer" -> optimizer.specName();
      case "learning_rate" -> "lr" + Formats.number(learningRate);
      case "epochs" -> "e" + epochs;
      case "batch_size" -> "b" + batchSize;
      case "label_noise" -> "noise" + Formats.number(labelNoise);
      default ->
          throw new IllegalArgumentException(
              "cannot group models by " + field + "; allowed: " + String.join(", ", GROUP_FIELDS));
    };
  }
}
