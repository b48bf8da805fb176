package org.twice.store;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.store.Graphs.diamond;
import static org.twice.store.Graphs.experiment;
import static org.twice.store.Graphs.task;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
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
  void aTaskCompletedWhileASubmissionReusesItReleasesTheNewDependent() throws Exception {
    Lease a = runningA();
    ExecutorService completer = Executors.newSingleThreadExecutor();
    try (Handle submission = jdbi.open()) {
      submission.begin();
      experiments.write(submission, experiment("second"), reusingA(), clock.instant());
      // The submission has linked its new plane task to the running "a" and found "a" unfinished.
      Future<Boolean> completion = completer.submit(() -> store.complete(a, ResultWriter.NONE));
      waitAtMostHalfASecond(completion);
      submission.commit();

      assertThat(completion.get(10, SECONDS)).isTrue();
    } finally {
      completer.shutdownNow();
    }
    assertThat(store.claim("w", ALL).map(Lease::key)).contains("pa");
  }

  @Test
  void aSubmissionReusingATaskWhileItCompletesReleasesTheNewDependent() throws Exception {
    Lease a = runningA();
    ExecutorService submitter = Executors.newSingleThreadExecutor();
    try (Handle completion = jdbi.open()) {
      completion.begin();
      assertThat(TaskStore.completeAttempt(completion, a, ResultWriter.NONE, clock.instant()))
          .isTrue();
      // The completion has looked for dependents of "a" and found none yet; the submission finds
      // "a" succeeded once the completion commits.
      Future<Submission> submission =
          submitter.submit(() -> experiments.submit(experiment("second"), reusingA()));
      waitAtMostHalfASecond(submission);
      completion.commit();

      assertThat(submission.get(10, SECONDS).reused()).isEqualTo(1);
    } finally {
      submitter.shutdownNow();
    }
    assertThat(store.claim("w", ALL).map(Lease::key)).contains("pa");
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

  /** Submits a first experiment of one train task, "a", and claims it. */
  private Lease runningA() {
    experiments.submit(experiment("first"), List.of(task("a", TaskKind.TRAIN)));
    return store.claim("w", ALL).orElseThrow();
  }

  /** The train task of the first experiment, shared, and a new plane task that reads it. */
  private static List<NewTask> reusingA() {
    return List.of(task("a", TaskKind.TRAIN), task("pa", TaskKind.PLANE, "a"));
  }

  /** Gives {@code work} half a second to finish, or to show that it waits for a lock. */
  private static void waitAtMostHalfASecond(Future<?> work) throws Exception {
    try {
      work.get(500, MILLISECONDS);
    } catch (TimeoutException waiting) {
      // It waits: the transaction in the way commits next.
    }
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
