package org.twice.scheduler.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.twice.scheduler.jobs.Scheduler;
import org.twice.scheduler.plan.Plan;
import org.twice.scheduler.plan.Planner;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.Backoff;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.TaskStore;
import org.twice.store.TestDatabase;

/**
 * Worker processes are killed with SIGKILL in the middle of real tasks, again and again, and
 * started again: every task still ends succeeded exactly once, with one set of results.
 */
class KilledWorkersTest {
  private static final Path LOGS = Path.of("target", "fault-logs", "killed-workers");
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final int KILLS = 5;

  @Test
  void killedWorkersLoseAndDuplicateNothing() throws Exception {
    Database database = TestDatabase.clean();
    Jdbi jdbi = database.jdbi();
    ExperimentStore experiments = new ExperimentStore(jdbi, Clock.systemUTC());
    Plan plan = Planner.plan(SpecParser.parse(Specs.path("chaos.yaml")));
    long id = experiments.submit(plan.experiment(), plan.tasks()).experimentId();
    TaskStore tasks = new TaskStore(jdbi, Clock.systemUTC(), LEASE, Backoff.DEFAULT);
    List<TwiceProcess> workers = new ArrayList<>();
    Random random = new Random(42);

    try (Scheduler scheduler = new Scheduler(database, tasks, experiments, Duration.ofSeconds(1))) {
      scheduler.start();
      for (int i = 0; i < 3; i++) {
        workers.add(startWorker("worker-" + i));
      }
      for (int kill = 0; kill < KILLS; kill++) {
        Optional<TwiceProcess> busy = waitForBusyWorker(jdbi, id, workers);
        if (busy.isEmpty()) {
          break;
        }
        TwiceProcess victim = busy.get();
        Thread.sleep(200 + random.nextInt(800));
        victim.kill();
        workers.remove(victim);
        workers.add(startWorker("worker-restarted-" + kill));
      }
      Waits.until(
          Duration.ofMinutes(5),
          "the experiment to finish",
          () -> !experiments.state(id).orElseThrow().equals("running"));
    } finally {
      for (TwiceProcess worker : workers) {
        worker.close();
      }
    }

    assertThat(experiments.state(id)).contains("succeeded");
    assertThat(count(jdbi, "SELECT count(*) FROM attempts WHERE outcome = 'expired'"))
        .as("kills that hit a running task")
        .isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM (SELECT task_id FROM attempts WHERE outcome = 'succeeded'"
                    + " GROUP BY task_id HAVING count(*) <> 1) AS twice"))
        .isZero();
    assertThat(count(jdbi, "SELECT count(*) FROM attempts WHERE outcome = 'succeeded'"))
        .isEqualTo(plan.tasks().size());
    assertThat(count(jdbi, "SELECT count(*) FROM models")).isEqualTo(6);
    assertThat(count(jdbi, "SELECT count(*) FROM maps")).isEqualTo(6 * 3);
    assertThat(count(jdbi, "SELECT count(*) FROM pair_scores")).isEqualTo(15);
    assertThat(count(jdbi, "SELECT count(*) FROM artifacts WHERE name = 'model.zip'")).isEqualTo(6);
  }

  private static TwiceProcess startWorker(String name) throws Exception {
    return TwiceProcess.start(
        LOGS,
        name,
        "worker",
        "--db",
        TestDatabase.settings().url().orElseThrow(),
        "--lease",
        Long.toString(LEASE.toSeconds()),
        "--grace",
        "1");
  }

  /** A live worker process holding a running task, once there is one. */
  private static Optional<TwiceProcess> waitForBusyWorker(
      Jdbi jdbi, long experiment, List<TwiceProcess> workers) throws Exception {
    List<Long> pids = new ArrayList<>();
    Waits.until(
        Duration.ofMinutes(2),
        "a worker to hold a task",
        () -> {
          pids.clear();
          pids.addAll(
              jdbi.withHandle(
                  h ->
                      h.createQuery(
                              "SELECT w.pid FROM tasks t JOIN workers w ON w.id = t.lease_owner"
                                  + " WHERE t.state = 'running'")
                          .mapTo(Long.class)
                          .list()));
          pids.removeIf(pid -> workers.stream().noneMatch(w -> w.pid() == pid));
          return !pids.isEmpty() || finished(jdbi, experiment);
        });
    return pids.stream().findFirst().map(pid -> byPid(workers, pid));
  }

  private static boolean finished(Jdbi jdbi, long experiment) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT state <> 'running' FROM experiments WHERE id = :e")
                .bind("e", experiment)
                .mapTo(Boolean.class)
                .one());
  }

  private static TwiceProcess byPid(List<TwiceProcess> workers, long pid) {
    return workers.stream().filter(w -> w.pid() == pid).findFirst().orElseThrow();
  }

  static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
