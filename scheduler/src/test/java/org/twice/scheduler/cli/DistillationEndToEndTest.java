package org.twice.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.twice.scheduler.plan.Plan;
import org.twice.scheduler.plan.Planner;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.TestDatabase;

class DistillationEndToEndTest {
  @Test
  void aDistilledStudentIsMappedScoredAndComparedWithItsTeacher() throws Exception {
    Database database = TestDatabase.clean();
    Jdbi jdbi = database.jdbi();
    Plan plan = Planner.plan(SpecParser.parse(spec()));
    ExperimentStore experiments = new ExperimentStore(jdbi, Clock.systemUTC());

    long id = experiments.submit(plan.experiment(), plan.tasks()).experimentId();
    String state = EndToEndTest.runUntilClosed(database, experiments, id);
    String results = ResultsCommand.render(new Reports(jdbi), id, ResultsCommand.Format.table);

    assertThat(state).isEqualTo("succeeded");
    assertThat(
            EndToEndTest.count(
                jdbi,
                "SELECT count(*) FROM task_status WHERE kind = 'distill' AND state = 'succeeded'"
                    + " AND experiment_id = "
                    + id))
        .isEqualTo(1);
    assertThat(
            EndToEndTest.count(
                jdbi,
                "SELECT count(*) FROM maps m JOIN models r ON r.task_id = m.model_task_id"
                    + " WHERE r.teacher_task_id IS NOT NULL AND length(m.classes) = 400"))
        .isEqualTo(3);
    Map<String, Object> student =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT * FROM teacher_agreement WHERE experiment_id = :e")
                    .bind("e", id)
                    .mapToMap()
                    .one());
    assertThat(student.get("architecture")).isEqualTo("mlp");
    assertThat(student.get("temperature")).isEqualTo(4.0);
    assertThat((Double) student.get("test_accuracy")).as("%s", student).isGreaterThan(0.3);
    // Training is deterministic on a CPU, so these scores are the same on every run: the student
    // agrees with its teacher on about 53% of grid points, the MLP trained on labels on 33%.
    assertThat((Double) student.get("agreement")).as("%s", student).isGreaterThan(0.45);
    assertThat((Double) student.get("independent_agreement"))
        .as("%s", student)
        .isLessThan((Double) student.get("agreement"));
    assertThat(student.get("independent_models")).isEqualTo(1L);
    assertThat(
            EndToEndTest.count(
                jdbi,
                "SELECT count(*) FROM reproducibility_matrix WHERE experiment_id = "
                    + id
                    + " AND first_group = 'mlp distilled' AND second_group = 'cnn trained'"))
        .isEqualTo(1);
    assertThat(results).contains("distilled students: agreement with their teacher");
  }

  private static Path spec() throws Exception {
    return Path.of(DistillationEndToEndTest.class.getResource("/specs/tiny-distill.yaml").toURI());
  }
}
