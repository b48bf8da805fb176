package org.twice.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.NewTask;
import org.twice.store.TaskKind;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;
import org.twice.worker.nn.TrainConfig;
import org.twice.worker.tasks.Json;
import org.twice.worker.tasks.TrainParams;

class PlannerTest {

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

  private static List<String> keys(Plan plan) {
    return plan.tasks().stream().map(NewTask::key).toList();
  }

  static Path spec(String name) throws URISyntaxException {
    return Path.of(PlannerTest.class.getResource("/specs/" + name).toURI());
  }
}
