package org.twice.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.twice.scheduler.jobs.Scheduler;
import org.twice.scheduler.plan.Plan;
import org.twice.scheduler.plan.Planner;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.Backoff;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.Submission;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.TestDatabase;
import org.twice.worker.Worker;
import org.twice.worker.WorkerSettings;
import org.twice.worker.tasks.Runners;

class EndToEndTest {
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @Test
  void aSmallExperimentRunsToResultsAndAResubmissionReusesThem() throws Exception {
    Database database = TestDatabase.clean();
    Jdbi jdbi = database.jdbi();
    Plan plan = Planner.plan(SpecParser.parse(spec()));
    ExperimentStore experiments = new ExperimentStore(jdbi, Clock.systemUTC());

    long id = experiments.submit(plan.experiment(), plan.tasks()).experimentId();
    String state = runUntilClosed(database, experiments, id);
    Submission again = experiments.submit(plan.experiment(), plan.tasks());

    assertThat(state).isEqualTo("succeeded");
    assertThat(count(jdbi, "SELECT count(*) FROM model_results WHERE experiment_id = " + id))
        .isEqualTo(2);
    assertThat(count(jdbi, "SELECT count(*) FROM models WHERE test_accuracy > 0.4")).isEqualTo(2);
    assertThat(count(jdbi, "SELECT count(*) FROM maps WHERE length(classes) = 400")).isEqualTo(6);
    assertThat(count(jdbi, "SELECT count(*) FROM artifacts WHERE name = 'model.zip'")).isEqualTo(2);
    double agreement =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT agreement FROM reproducibility_pairs WHERE experiment_id = :e")
                    .bind("e", id)
                    .mapTo(Double.class)
                    .one());
    assertThat(agreement).isBetween(0.05, 1.0);
    assertThat(
            count(jdbi, "SELECT count(*) FROM reproducibility_matrix WHERE experiment_id = " + id))
        .isEqualTo(1);
    assertThat(again.created()).isZero();
    assertThat(again.reused()).isEqualTo(5);
    assertThat(experiments.state(again.experimentId())).contains("succeeded");
  }

  static String runUntilClosed(Database database, ExperimentStore experiments, long id)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    TaskStore tasks =
        new TaskStore(database.jdbi(), clock, Duration.ofSeconds(30), Backoff.DEFAULT);
    WorkerSettings settings =
        new WorkerSettings(
            "test-worker",
            List.of(TaskKind.values()),
            2,
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    try (Scheduler scheduler = new Scheduler(database, tasks, experiments, Duration.ofSeconds(1));
        Worker worker =
            new Worker(database, settings, tasks, clock, Runners.standard(database, clock))) {
      scheduler.start();
      worker.start();
      Instant deadline = Instant.now().plus(DEADLINE);
      while (experiments.state(id).orElseThrow().equals("running")
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
    }
    return experiments.state(id).orElseThrow();
  }

  static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static Path spec() throws Exception {
    return Path.of(EndToEndTest.class.getResource("/specs/tiny.yaml").toURI());
  }
}
