package org.twice.scheduler.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One student to distill from one teacher, a model of the spec's {@code models} section.
 *
 * @param student the student's settings; its label noise is its teacher's, since it learns the
 *     teacher's outputs on the training images rather than labels
 * @param temperature the softmax temperature of the distillation loss, positive and finite
 */
public record Distillation(ModelSpec teacher, ModelSpec student, double temperature) {
  /** The temperature unless the spec says otherwise. */
  public static final double DEFAULT_TEMPERATURE = 30;

  /** The group value of {@code distilled} for a student. */
  static final String DISTILLED = "distilled";

  /**
   * A short label for tables: the student's, its teacher's and the temperature, as in {@code mlp
   * w16 adam lr0.001 e2 b64 seed1 noise0 from cnn w32 adam lr0.001 e2 b64 seed1 noise0 T30}.
   */
  public String label() {
    return student.label() + " from " + teacher.label() + " T" + Formats.number(temperature);
  }

  /**
   * The student's group in a reproducibility matrix: as {@link ModelSpec#group}, with {@code
   * distilled} for the field of that name.
   */
  public String group(List<String> groupBy) {
    return groupBy.stream()
        .map(field -> field.equals("distilled") ? DISTILLED : student.group(List.of(field)))
        .collect(Collectors.joining(" "));
  }
}
