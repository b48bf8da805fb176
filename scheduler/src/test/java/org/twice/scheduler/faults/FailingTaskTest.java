package org.twice.scheduler.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.faults.KilledWorkersTest.count;

import java.time.Clock;
import java.time.Duration;
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
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.TestDatabase;
import org.twice.worker.Worker;
import org.twice.worker.WorkerSettings;
import org.twice.worker.tasks.Runners;

/**
 * A task that always fails ends failed after its attempts, blocks what depends on it and lets the
 * rest finish; a retry then runs just those tasks.
 */
class FailingTaskTest {

  @Test
  void corruptWeightsFailTheirPlaneOnlyAndARetryRunsJustThat() throws Exception {
    Database database = TestDatabase.clean();
    Jdbi jdbi = database.jdbi();
    Clock clock = Clock.systemUTC();
    ExperimentStore experiments = new ExperimentStore(jdbi, clock);
    TaskStore tasks =
        new TaskStore(
            jdbi,
            clock,
            Duration.ofSeconds(30),
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
    Plan plan = Planner.plan(SpecParser.parse(Specs.path("tiny.yaml")));
    long id = experiments.submit(plan.experiment(), plan.tasks()).experimentId();

    run(database, tasks, experiments, List.of(TaskKind.TRAIN), () -> trained(jdbi) == 2);
    byte[] good = weights(jdbi);
    jdbi.useHandle(
        h ->
            h.execute(
                "UPDATE artifacts SET bytes = '\\x00'::bytea"
                    + " WHERE task_id = (SELECT min(task_id) FROM models)"));
    run(database, tasks, experiments, List.of(TaskKind.values()), () -> closed(experiments, id));
    String failedState = experiments.state(id).orElseThrow();
    String error = errorOfFailedTask(jdbi);
    long trainAttempts =
        count(
            jdbi,
            "SELECT count(*) FROM attempts a JOIN tasks t ON t.id = a.task_id WHERE t.kind = 'train'");

    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE artifacts SET bytes = :b"
                        + " WHERE task_id = (SELECT min(task_id) FROM models)")
                .bind("b", good)
                .execute());
    int requeued = experiments.retry(id);
    run(database, tasks, experiments, List.of(TaskKind.values()), () -> closed(experiments, id));

    assertThat(failedState).isEqualTo("failed");
    assertThat(error).contains("corrupt");
    assertThat(requeued).isEqualTo(2);
    assertThat(experiments.state(id)).contains("succeeded");
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM attempts a JOIN tasks t ON t.id = a.task_id WHERE t.kind = 'train'"))
        .isEqualTo(trainAttempts);
    assertThat(count(jdbi, "SELECT count(*) FROM attempts WHERE outcome = 'failed'")).isEqualTo(3);
  }

  private static void run(
      Database database,
      TaskStore tasks,
      ExperimentStore experiments,
      List<TaskKind> kinds,
      java.util.function.BooleanSupplier done)
      throws Exception {
    Clock clock = Clock.systemUTC();
    WorkerSettings settings =
        new WorkerSettings(
            "w", kinds, 2, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5));
    try (Scheduler scheduler = new Scheduler(database, tasks, experiments, Duration.ofSeconds(1));
        Worker worker =
            new Worker(database, settings, tasks, clock, Runners.standard(database, clock))) {
      scheduler.start();
      worker.start();
      Waits.until(Duration.ofMinutes(3), "the worker to finish its part", done);
    }
  }

  private static long trained(Jdbi jdbi) {
    return count(jdbi, "SELECT count(*) FROM models");
  }

  private static boolean closed(ExperimentStore experiments, long id) {
    return !experiments.state(id).orElseThrow().equals("running");
  }

  private static byte[] weights(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT bytes FROM artifacts WHERE task_id = (SELECT min(task_id) FROM models)")
                .mapTo(byte[].class)
                .one());
  }

  private static String errorOfFailedTask(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT error FROM tasks WHERE state = 'failed'")
                .mapTo(String.class)
                .one());
  }
}
