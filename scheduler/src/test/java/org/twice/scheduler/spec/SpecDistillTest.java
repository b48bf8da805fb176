package org.twice.scheduler.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.OptimizerKind;

class SpecDistillTest {
  @TempDir Path directory;

  @Test
  void everyStudentOfAPairLearnsFromEveryTeacherItsFilterMatches() {
    Spec parsed = parse("good/distill.yaml");

    assertThat(parsed.distillations())
        .extracting(d -> d.teacher().seed(), d -> d.student().seed(), Distillation::temperature)
        .containsExactly(
            tuple(1L, 1L, 20.0),
            tuple(1L, 2L, 20.0),
            tuple(2L, 1L, 20.0),
            tuple(2L, 2L, 20.0),
            tuple(1L, 3L, 2.5));
    assertThat(parsed.distillations())
        .extracting(d -> d.teacher().architecture())
        .containsOnly(Architecture.CNN);
    assertThat(parsed.distillations().get(4).student().optimizer()).isEqualTo(OptimizerKind.SGD);
  }

  @Test
  void studentsTakeTheirTeachersLabelNoise() {
    Spec parsed = parse("good/distill.yaml");

    assertThat(parsed.distillations()).extracting(d -> d.student().labelNoise()).containsOnly(0.2);
  }

  @Test
  void studentsHaveTheirOwnLabelAndTheDistilledGroup() {
    Spec parsed = parse("good/distill.yaml");
    Distillation first = parsed.distillations().get(0);

    assertThat(first.label())
        .isEqualTo(
            "mlp w8 adam lr0.001 e2 b128 seed1 noise0.2 from cnn w16 adam lr0.001 e2 b128 seed1"
                + " noise0.2 T20");
    assertThat(first.group(parsed.groupBy())).isEqualTo("mlp distilled");
    assertThat(first.teacher().group(parsed.groupBy())).isEqualTo("cnn trained");
    assertThat(first.group(List.of("width", "label_noise"))).isEqualTo("w8 noise0.2");
  }

  @Test
  void aSpecWithoutADistillSectionDistillsNothing() {
    Spec parsed = parse("good/minimal.yaml");

    assertThat(parsed.distillations()).isEmpty();
  }

  private Spec parse(String resource) {
    Path spec = SpecFixtures.copyInto(SpecFixtures.resource(resource), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"));
    return SpecParser.parse(spec);
  }
}
