package org.twice.scheduler.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.OptimizerKind;

/** How a model of the grid is labelled in tables and grouped in the reproducibility matrix. */
class SpecModelTest {
  private final ModelSpec model =
      new ModelSpec(Architecture.CNN, 32, OptimizerKind.ADAM, 0.0001, 20, 128, 3, 0.2);

  @Test
  void labelNamesEveryFieldShortly() {
    ModelSpec first = new ModelSpec(Architecture.MLP, 64, OptimizerKind.ADAM, 0.001, 2, 64, 1, 0);

    assertThat(first.label()).isEqualTo("mlp w64 adam lr0.001 e2 b64 seed1 noise0");
    assertThat(model.label()).isEqualTo("cnn w32 adam lr0.0001 e20 b128 seed3 noise0.2");
  }

  @Test
  void groupJoinsTheValuesOfTheGroupingFieldsInTheirOrder() {
    assertThat(model.group(List.of("architecture"))).isEqualTo("cnn");
    assertThat(model.group(List.of("architecture", "width"))).isEqualTo("cnn w32");
    assertThat(model.group(List.of("label_noise", "optimizer"))).isEqualTo("noise0.2 adam");
  }

  @Test
  void groupRefusesAFieldThatDoesNotGroup() {
    assertThatThrownBy(() -> model.group(List.of("seed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot group models by seed; allowed: architecture, width");
  }
}
