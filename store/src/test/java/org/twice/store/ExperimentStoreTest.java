package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.store.Graphs.diamond;
import static org.twice.store.Graphs.experiment;
import static org.twice.store.Graphs.task;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentStoreTest {
  private static final List<TaskKind> ALL = List.of(TaskKind.values());

  private Jdbi jdbi;
  private MutableClock clock;
  private TaskStore store;
  private ExperimentStore experiments;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.clean().jdbi();
    clock = MutableClock.atNoon();
    store = new TaskStore(jdbi, clock, Duration.ofSeconds(30), Backoff.DEFAULT);
    experiments = new ExperimentStore(jdbi, clock);
  }

  @Test
  void theGraphIsWrittenWithItsEdges() {
    Submission submission = experiments.submit(experiment("e"), diamond());

    assertThat(submission.created()).isEqualTo(5);
    assertThat(count("SELECT count(*) FROM task_edges")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM tasks WHERE state = 'ready'")).isEqualTo(2);
  }

  @Test
  void overlappingWorkIsReusedNotRunAgain() {
    experiments.submit(experiment("first"), diamond());
    runAll();

    Submission second =
        experiments.submit(
            experiment("second"),
            List.of(
                task("a", TaskKind.TRAIN),
                task("c", TaskKind.TRAIN),
                task("pa", TaskKind.PLANE, "a")));

    assertThat(second.created()).isEqualTo(1);
    assertThat(second.reused()).isEqualTo(2);
    assertThat(store.claim("w", ALL).map(Lease::key)).contains("c");
    assertThat(store.claim("w", ALL)).isEmpty();
  }

  @Test
  void aSpecWhoseWorkIsAllDoneClosesAtOnce() {
    experiments.submit(experiment("first"), diamond());
    runAll();

    long id = experiments.submit(experiment("again"), diamond()).experimentId();

    assertThat(experiments.state(id)).contains("succeeded");
  }

  @Test
  void retryRequeuesTheFailedTaskAndThoseItBlocked() {
    long id = experiments.submit(experiment("e"), diamond()).experimentId();
    failForGood("a");
    runAll();
    experiments.closeFinished();
    String stateBefore = experiments.state(id).orElseThrow();

    int requeued = experiments.retry(id);
    runAll();
    experiments.closeFinished();

    assertThat(stateBefore).isEqualTo("failed");
    assertThat(requeued).isEqualTo(3);
    assertThat(experiments.state(id)).contains("succeeded");
  }

  @Test
  void cancelStopsUnfinishedTasks() {
    long id = experiments.submit(experiment("e"), diamond()).experimentId();
    Lease running = store.claim("w", ALL).orElseThrow();

    int cancelled = experiments.cancel(id);

    assertThat(cancelled).isEqualTo(5);
    assertThat(store.heartbeat(running, 0.5)).isFalse();
    assertThat(store.complete(running, ResultWriter.NONE)).isFalse();
    assertThat(experiments.state(id)).contains("cancelled");
  }

  @Test
  void cancellingEndsTheRunningAttemptAsCancelledByItsWorker() {
    long id = experiments.submit(experiment("e"), diamond()).experimentId();
    Lease running = store.claim("w", ALL).orElseThrow();

    experiments.cancel(id);

    assertThat(
            count(
                "SELECT count(*) FROM attempts WHERE task_id = "
                    + running.taskId()
                    + " AND attempt = 1 AND worker_id = 'w' AND outcome = 'cancelled'"
                    + " AND error = 'experiment cancelled' AND finished_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM attempts")).isEqualTo(1);
  }

  private void failForGood(String key) {
    for (int i = 0; i < 3; i++) {
      store.fail(Graphs.claim(store, key), new RuntimeException("always"));
      clock.advance(Duration.ofMinutes(10));
    }
  }

  private void runAll() {
    Optional<Lease> next;
    while ((next = store.claim("w", ALL)).isPresent()) {
      store.complete(next.get(), ResultWriter.NONE);
    }
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
