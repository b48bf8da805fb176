package org.twice.scheduler.dashboard;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
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
 * A small experiment run for real to its end in the test database: eight MLPs trained, mapped on
 * three planes and scored. Run once per JVM and again if another test emptied the database.
 */
final class FinishedExperiment {
  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static Long id;

  private FinishedExperiment() {}

  /** The id of the finished experiment in {@link TestDatabase}. */
  static synchronized long id() throws Exception {
    if (id == null || !stillThere(id)) {
      id = run();
    }
    return id;
  }

  static Jdbi jdbi() {
    return TestDatabase.jdbi();
  }

  private static boolean stillThere(long experiment) {
    return new ExperimentStore(jdbi(), Clock.systemUTC())
        .state(experiment)
        .equals(Optional.of("succeeded"));
  }

  private static long run() throws Exception {
    Database database = TestDatabase.clean();
    Plan plan = Planner.plan(SpecParser.parse(spec()));
    ExperimentStore experiments = new ExperimentStore(database.jdbi(), Clock.systemUTC());
    long experiment = experiments.submit(plan.experiment(), plan.tasks()).experimentId();

    runUntilClosed(database, experiments, experiment);

    String state = experiments.state(experiment).orElseThrow();
    if (!state.equals("succeeded")) {
      throw new IllegalStateException("the dashboard tests' experiment ended " + state);
    }
    return experiment;
  }

  private static void runUntilClosed(Database database, ExperimentStore experiments, long id)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    TaskStore tasks =
        new TaskStore(database.jdbi(), clock, Duration.ofSeconds(30), Backoff.DEFAULT);
    WorkerSettings settings =
        new WorkerSettings(
            "dashboard-test-worker",
            List.of(TaskKind.TRAIN, TaskKind.PLANE, TaskKind.SCORE),
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
  }

  private static Path spec() throws Exception {
    return Path.of(FinishedExperiment.class.getResource("/specs/dashboard.yaml").toURI());
  }
}
