package org.twice.scheduler.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.faults.KilledWorkersTest.count;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twice.scheduler.jobs.Scheduler;
import org.twice.scheduler.plan.Plan;
import org.twice.scheduler.plan.Planner;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.Backoff;
import org.twice.store.Database;
import org.twice.store.DatabaseSettings;
import org.twice.store.ExperimentStore;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.worker.Worker;
import org.twice.worker.WorkerSettings;
import org.twice.worker.tasks.Runners;

/** PostgreSQL restarts in the middle of a run: workers and scheduler reconnect and finish it. */
class DatabaseRestartTest {
  @TempDir Path data;

  @Test
  void theExperimentFinishesAcrossADatabaseRestart() throws Exception {
    int port = freePort();
    EmbeddedPostgres postgres = start(port);
    String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    DatabaseSettings settings = new DatabaseSettings(Optional.of(url), "postgres", "", data);
    Clock clock = Clock.systemUTC();

    try (Database database = Database.open(settings, 8)) {
      Jdbi jdbi = database.jdbi();
      ExperimentStore experiments = new ExperimentStore(jdbi, clock);
      TaskStore tasks =
          new TaskStore(
              jdbi,
              clock,
              Duration.ofSeconds(4),
              new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2)));
      Plan plan = Planner.plan(SpecParser.parse(Specs.path("chaos.yaml")));
      long id = experiments.submit(plan.experiment(), plan.tasks()).experimentId();
      try (Scheduler scheduler =
              new Scheduler(database, tasks, experiments, Duration.ofSeconds(1));
          Worker worker = worker(database, tasks, clock)) {
        scheduler.start();
        worker.start();
        Waits.until(
            Duration.ofMinutes(3),
            "a first model",
            () -> count(jdbi, "SELECT count(*) FROM models") >= 1);

        postgres.close();
        Thread.sleep(2000);
        postgres = start(port);

        Waits.until(
            Duration.ofMinutes(4),
            "the experiment to finish after the restart",
            () -> stateOrRunning(experiments, id).equals("succeeded"));
      }

      assertThat(count(jdbi, "SELECT count(*) FROM models")).isEqualTo(6);
      assertThat(count(jdbi, "SELECT count(*) FROM maps")).isEqualTo(18);
      assertThat(count(jdbi, "SELECT count(*) FROM attempts WHERE outcome = 'succeeded'"))
          .isEqualTo(plan.tasks().size());
    } finally {
      postgres.close();
    }
  }

  private EmbeddedPostgres start(int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data.resolve("postgres"))
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static String stateOrRunning(ExperimentStore experiments, long id) {
    try {
      return experiments.state(id).orElseThrow();
    } catch (RuntimeException e) {
      return "running";
    }
  }

  private static Worker worker(Database database, TaskStore tasks, Clock clock) {
    WorkerSettings settings =
        new WorkerSettings(
            "survivor",
            List.of(TaskKind.TRAIN, TaskKind.PLANE, TaskKind.SCORE),
            2,
            Duration.ofSeconds(4),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    return new Worker(database, settings, tasks, clock, Runners.standard(database, clock));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
