package org.twice.scheduler.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.faults.KilledWorkersTest.count;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * A worker frozen with SIGSTOP loses its lease to another; when it wakes, its late work is refused
 * and leaves no trace in the results.
 */
class FrozenWorkerTest {
  private static final Path LOGS = Path.of("target", "fault-logs", "frozen-worker");
  private static final Duration LEASE = Duration.ofSeconds(3);

  @Test
  void aFrozenWorkersLateWorkIsRefused() throws Exception {
    Database database = TestDatabase.clean();
    Jdbi jdbi = database.jdbi();
    Clock clock = Clock.systemUTC();
    ExperimentStore experiments = new ExperimentStore(jdbi, clock);
    Plan plan = Planner.plan(SpecParser.parse(Specs.path("chaos.yaml")));
    long id = experiments.submit(plan.experiment(), plan.tasks()).experimentId();
    TaskStore tasks = new TaskStore(jdbi, clock, LEASE, Backoff.DEFAULT);

    try (TwiceProcess frozen =
        TwiceProcess.start(
            LOGS,
            "frozen",
            "worker",
            "--db",
            TestDatabase.settings().url().orElseThrow(),
            "--lease",
            "3")) {
      Waits.until(
          Duration.ofMinutes(2),
          "the worker to hold a task",
          () -> count(jdbi, "SELECT count(*) FROM tasks WHERE state = 'running'") > 0);
      frozen.freeze();
      try (Scheduler scheduler =
              new Scheduler(database, tasks, experiments, Duration.ofSeconds(1));
          Worker rescuer = inProcessWorker(database, tasks, clock)) {
        scheduler.start();
        rescuer.start();
        Waits.until(
            Duration.ofMinutes(4),
            "the experiment to finish without the frozen worker",
            () -> !experiments.state(id).orElseThrow().equals("running"));
      }
      frozen.thaw();
      Waits.until(
          Duration.ofMinutes(1),
          "the thawed worker to give up its task",
          () ->
              logSays(frozen.log(), "task result refused")
                  || logSays(frozen.log(), "task stopped"));
      frozen.terminate();
    }

    assertThat(experiments.state(id)).contains("succeeded");
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM attempts"
                    + " WHERE worker_id <> 'rescuer' AND outcome = 'expired'"))
        .isGreaterThanOrEqualTo(1);
    assertThat(count(jdbi, "SELECT count(*) FROM attempts WHERE outcome = 'succeeded'"))
        .isEqualTo(plan.tasks().size());
    assertThat(count(jdbi, "SELECT count(*) FROM models")).isEqualTo(6);
    assertThat(count(jdbi, "SELECT count(*) FROM maps")).isEqualTo(18);
  }

  private static Worker inProcessWorker(Database database, TaskStore tasks, Clock clock) {
    WorkerSettings settings =
        new WorkerSettings(
            "rescuer",
            List.of(TaskKind.TRAIN, TaskKind.PLANE, TaskKind.SCORE),
            2,
            LEASE,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    return new Worker(database, settings, tasks, clock, Runners.standard(database, clock));
  }

  private static boolean logSays(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
