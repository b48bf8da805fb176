package org.twice.scheduler.spec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;
import org.twice.worker.nn.TrainConfig;

/**
 * One point of a spec's model grid: everything needed to train one network.
 *
 * @param labelNoise the share of training labels flipped to another class, in [0, 1)
 * @param schedule how the learning rate changes over training
 * @param augmentations the random changes made to training images, the same for every model
 * @param samRho the radius of SAM's perturbation, the same for every model; 0 unless the optimizer
 *     is SAM, where it is in (0, 1]
 */
public record ModelSpec(
    Architecture architecture,
    int width,
    OptimizerKind optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    long seed,
    double labelNoise,
    Schedule schedule,
    Set<Augmentation> augmentations,
    double samRho) {
  /**
   * The spec fields a reproducibility matrix may group models by; {@code distilled} tells students
   * of a teacher ({@code distilled}) from networks trained on labels ({@code trained}).
   */
  public static final List<String> GROUP_FIELDS =
      List.of(
          "architecture",
          "width",
          "optimizer",
          "learning_rate",
          "epochs",
          "batch_size",
          "label_noise",
          "schedule",
          "distilled");

  /** The group value of {@code distilled} for a network trained on labels. */
  static final String TRAINED = "trained";

  private static final List<String> LABEL_FIELDS =
      List.of("architecture", "width", "optimizer", "learning_rate", "epochs", "batch_size");

  public ModelSpec {
    augmentations =
        Collections.unmodifiableSet(
            augmentations.isEmpty()
                ? EnumSet.noneOf(Augmentation.class)
                : EnumSet.copyOf(augmentations));
  }

  /** A model with a constant learning rate, no augmentation and SAM's default radius if SAM. */
  public ModelSpec(
      Architecture architecture,
      int width,
      OptimizerKind optimizer,
      double learningRate,
      int epochs,
      int batchSize,
      long seed,
      double labelNoise) {
    this(
        architecture,
        width,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        labelNoise,
        Schedule.CONSTANT,
        Set.of(),
        optimizer == OptimizerKind.SAM ? TrainConfig.DEFAULT_SAM_RHO : 0);
  }

  /**
   * A short label for tables, such as {@code mlp w64 adam lr0.001 e2 b64 seed1 noise0}; a schedule
   * other than constant, augmentation and SAM's radius are added when there are any, as in {@code
   * resnet18 w64 sam lr0.1 e200 b128 cosine crop+flip rho0.05 seed1 noise0}.
   */
  public String label() {
    StringBuilder label = new StringBuilder(group(LABEL_FIELDS));
    if (schedule != Schedule.CONSTANT) {
      label.append(' ').append(schedule.specName());
    }
    if (!augmentations.isEmpty()) {
      List<String> words = augmentations.stream().map(Augmentation::specName).toList();
      label.append(' ').append(String.join("+", words));
    }
    if (optimizer == OptimizerKind.SAM) {
      label.append(" rho").append(Formats.number(samRho));
    }
    return label + " seed" + seed + " " + value("label_noise");
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

  /** This model with another label noise, as a student takes its teacher's. */
  ModelSpec withLabelNoise(double noise) {
    return new ModelSpec(
        architecture,
        width,
        optimizer,
        learningRate,
        epochs,
        batchSize,
        seed,
        noise,
        schedule,
        augmentations,
        samRho);
  }

  /**
   * The value of a grid field, from {@code ModelReader.KEYS} but augment and sam_rho, as the reader
   * of that field reads it: an {@link Architecture} for architecture, a Long for seed, and so on.
   */
  Object field(String key) {
    return switch (key) {
      case "architecture" -> architecture;
      case "width" -> width;
      case "optimizer" -> optimizer;
      case "learning_rate" -> learningRate;
      case "epochs" -> epochs;
      case "batch_size" -> batchSize;
      case "label_noise" -> labelNoise;
      case "schedule" -> schedule;
      case "seed" -> seed;
      default -> throw new IllegalArgumentException("no grid field " + key);
    };
  }

  /** How a message shows the value of a grid field, as a spec would write it. */
  String shown(String key) {
    return switch (key) {
      case "architecture" -> architecture.specName();
      case "optimizer" -> optimizer.specName();
      case "schedule" -> schedule.specName();
      case "learning_rate" -> Formats.number(learningRate);
      case "label_noise" -> Formats.number(labelNoise);
      default -> field(key).toString();
    };
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
      case "schedule" -> schedule.specName();
      case "distilled" -> TRAINED;
      default ->
          throw new IllegalArgumentException(
              "cannot group models by " + field + "; allowed: " + String.join(", ", GROUP_FIELDS));
    };
  }
}
