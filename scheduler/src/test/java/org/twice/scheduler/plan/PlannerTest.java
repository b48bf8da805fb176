package org.twice.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.NewTask;
import org.twice.store.TaskKind;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;
import org.twice.worker.nn.TrainConfig;
import org.twice.worker.tasks.DistillParams;
import org.twice.worker.tasks.Json;
import org.twice.worker.tasks.ScoreParams;
import org.twice.worker.tasks.ScoreParams.ScoredModel;
import org.twice.worker.tasks.TrainParams;

class PlannerTest {
  @TempDir Path directory;

  @Test
  void aSpecExpandsToTrainPlaneAndScoreTasksWithEdges() throws Exception {
    Plan plan = Planner.plan(SpecParser.parse(spec("tiny.yaml")));

    assertThat(plan.count(TaskKind.TRAIN)).isEqualTo(2);
    assertThat(plan.count(TaskKind.PLANE)).isEqualTo(2);
    assertThat(plan.count(TaskKind.SCORE)).isEqualTo(1);
    NewTask plane = plan.tasks().get(2);
    assertThat(plane.inputs()).containsExactly(plan.tasks().get(0).key());
    NewTask score = plan.tasks().get(4);
    assertThat(score.inputs()).containsExactly(plane.key(), plan.tasks().get(3).key());
  }

  @Test
  void planningTheSameSpecTwiceGivesTheSameKeys() throws Exception {
    List<String> first = keys(Planner.plan(SpecParser.parse(spec("tiny.yaml"))));
    List<String> second = keys(Planner.plan(SpecParser.parse(spec("tiny.yaml"))));

    assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
    assertThat(first.get(0)).startsWith("train-");
  }

  @Test
  void keysDependOnEveryParameterAndOnInputs() {
    String base = TaskKey.of(TaskKind.TRAIN, "{\"seed\":1}", List.of());

    assertThat(TaskKey.of(TaskKind.TRAIN, "{\"seed\":2}", List.of())).isNotEqualTo(base);
    assertThat(TaskKey.of(TaskKind.PLANE, "{\"seed\":1}", List.of())).isNotEqualTo(base);
    assertThat(TaskKey.of(TaskKind.TRAIN, "{\"seed\":1}", List.of("x"))).isNotEqualTo(base);
    assertThat(TaskKey.of(TaskKind.TRAIN, "{\"seed\":1}", List.of())).isEqualTo(base);
  }

  @Test
  void theDataDirectoryDoesNotChangeKeysButTheDataDoes() throws Exception {
    Plan plan = Planner.plan(SpecParser.parse(spec("tiny.yaml")));

    String params = plan.tasks().get(0).params();

    assertThat(params).contains("\"fingerprint\"").contains("fashion-mnist-sample");
  }

  @Test
  void trainTasksCarryTheScheduleAugmentationAndRadiusToTheTrainer() throws Exception {
    Plan plan = Planner.plan(SpecParser.parse(spec("tiny-sam.yaml")));

    TrainConfig sgd = Json.read(plan.tasks().get(0).params(), TrainParams.class).config();
    TrainConfig sam = Json.read(plan.tasks().get(1).params(), TrainParams.class).config();

    assertThat(sam.optimizer()).isEqualTo(OptimizerKind.SAM);
    assertThat(sam.samRho()).isEqualTo(0.1);
    assertThat(sam.schedule()).isEqualTo(Schedule.COSINE);
    assertThat(sam.augmentations()).containsExactly(Augmentation.CROP, Augmentation.FLIP);
    assertThat(sgd.samRho()).isZero();
    assertThat(plan.tasks().get(0).key()).isNotEqualTo(plan.tasks().get(1).key());
  }

  @Test
  void aStudentIsDistilledFromItsTeachersTrainTaskThenMappedAndScored() throws Exception {
    Plan plan = Planner.plan(SpecParser.parse(spec("tiny-distill.yaml")));

    assertThat(plan.tasks())
        .extracting(NewTask::kind)
        .containsExactly(
            TaskKind.TRAIN,
            TaskKind.TRAIN,
            TaskKind.DISTILL,
            TaskKind.PLANE,
            TaskKind.PLANE,
            TaskKind.PLANE,
            TaskKind.SCORE);
    NewTask teacher = plan.tasks().get(0);
    NewTask distill = plan.tasks().get(2);
    NewTask studentPlane = plan.tasks().get(5);
    NewTask score = plan.tasks().get(6);
    DistillParams params = Json.read(distill.params(), DistillParams.class);
    assertThat(distill.key()).startsWith("distill-");
    assertThat(distill.inputs()).containsExactly(teacher.key());
    assertThat(params.teacher()).isEqualTo(teacher.key());
    assertThat(params.temperature()).isEqualTo(4.0);
    assertThat(params.student().architecture()).isEqualTo("mlp");
    assertThat(studentPlane.inputs()).containsExactly(distill.key());
    assertThat(score.inputs()).contains(studentPlane.key()).hasSize(3);
  }

  @Test
  void scoredStudentsCarryTheDistilledGroup() throws Exception {
    Plan plan = Planner.plan(SpecParser.parse(spec("tiny-distill.yaml")));

    ScoreParams score = Json.read(plan.tasks().get(6).params(), ScoreParams.class);

    assertThat(score.groupBy()).isEqualTo("architecture distilled");
    assertThat(score.models())
        .extracting(ScoredModel::model, ScoredModel::group)
        .containsExactly(
            tuple(plan.tasks().get(0).key(), "cnn trained"),
            tuple(plan.tasks().get(1).key(), "mlp trained"),
            tuple(plan.tasks().get(2).key(), "mlp distilled"));
  }

  @Test
  void aDistillKeyFollowsItsTemperatureWhileTheTrainKeysStay() throws Exception {
    Path original = spec("tiny-distill.yaml");
    Path data = original.getParent().resolve("../../../../data/fashion-mnist-sample").normalize();
    String yaml =
        Files.readString(original)
            .replace("../../../../data/fashion-mnist-sample", data.toString())
            .replace("temperature: 4", "temperature: 8");
    Path hotter = Files.writeString(directory.resolve("hotter.yaml"), yaml);

    List<String> first = keys(Planner.plan(SpecParser.parse(original)));
    List<String> second = keys(Planner.plan(SpecParser.parse(hotter)));

    assertThat(second.subList(0, 2)).isEqualTo(first.subList(0, 2));
    assertThat(second.get(2)).isNotEqualTo(first.get(2));
    assertThat(second.get(3)).isEqualTo(first.get(3));
    assertThat(second.get(5)).isNotEqualTo(first.get(5));
  }

  private static List<String> keys(Plan plan) {
    return plan.tasks().stream().map(NewTask::key).toList();
  }

  static Path spec(String name) throws URISyntaxException {
    return Path.of(PlannerTest.class.getResource("/specs/" + name).toURI());
  }
}
