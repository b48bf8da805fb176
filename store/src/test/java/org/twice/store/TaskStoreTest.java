package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.twice.store.Graphs.diamond;
import static org.twice.store.Graphs.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskStoreTest {
  private static final List<TaskKind> ALL = List.of(TaskKind.values());
  private static final Duration LEASE = Duration.ofSeconds(30);

  private Jdbi jdbi;
  private MutableClock clock;
  private TaskStore store;
  private ExperimentStore experiments;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.clean().jdbi();
    clock = MutableClock.atNoon();
    store =
        new TaskStore(
            jdbi, clock, LEASE, new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1)));
    experiments = new ExperimentStore(jdbi, clock);
  }

  @Test
  void completingInputsReleasesTheirDependents() {
    long id = experiments.submit(experiment("e"), diamond()).experimentId();

    Lease a = store.claim("w1", ALL).orElseThrow();
    Lease b = store.claim("w1", ALL).orElseThrow();
    boolean nothingElseReady = store.claim("w1", ALL).isEmpty();
    store.complete(a, ResultWriter.NONE);
    Lease planeOfA = store.claim("w1", ALL).orElseThrow();

    assertThat(List.of(a.key(), b.key())).containsExactly("a", "b");
    assertThat(nothingElseReady).isTrue();
    assertThat(planeOfA.key()).isEqualTo("pa");
    assertThat(state("s")).isEqualTo("waiting");
    assertThat(experiments.state(id)).contains("running");
  }

  @Test
  void completingAndClaimingRecordsTheCompletionAndHandsBackTheNextReadyTask() {
    experiments.submit(
        experiment("e"),
        List.of(Graphs.task("a", TaskKind.TRAIN), Graphs.task("b", TaskKind.TRAIN)));
    Lease a = store.claim("w1", ALL).orElseThrow();

    Completion completion =
        store.completeAndClaim(a, (h, id) -> insertMarker(h, id, "result of a"), ALL);

    assertThat(completion.completed()).isTrue();
    assertThat(completion.next()).map(Lease::key).contains("b");
    assertThat(completion.next()).map(Lease::attempt).contains(1);
    assertThat(completion.next()).map(Lease::workerId).contains("w1");
    assertThat(markers()).containsExactly("result of a");
    assertThat(state("a")).isEqualTo("succeeded");
    assertThat(state("b")).isEqualTo("running");
    assertThat(attemptOutcomes("a")).containsExactly("succeeded");
    assertThat(attemptOutcomes("b")).as("a running attempt has its row once it ends").isEmpty();
    assertThat(store.complete(completion.next().orElseThrow(), ResultWriter.NONE)).isTrue();
  }

  @Test
  void completingAndClaimingHandsBackTheDependentTheCompletionReleased() {
    experiments.submit(
        experiment("e"),
        List.of(Graphs.task("a", TaskKind.TRAIN), Graphs.task("b", TaskKind.PLANE, "a")));
    Lease a = store.claim("w1", ALL).orElseThrow();

    Completion completion = store.completeAndClaim(a, ResultWriter.NONE, ALL);

    assertThat(completion.completed()).isTrue();
    assertThat(completion.next()).map(Lease::key).contains("b");
    assertThat(state("b")).isEqualTo("running");
  }

  @Test
  void completingAndClaimingTheLastTaskHandsBackNoLease() {
    experiments.submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    Lease a = store.claim("w1", ALL).orElseThrow();

    Completion completion = store.completeAndClaim(a, ResultWriter.NONE, ALL);

    assertThat(completion.completed()).isTrue();
    assertThat(completion.next()).isEmpty();
    assertThat(state("a")).isEqualTo("succeeded");
  }

  @Test
  void aRefusedCompletionWritesNoResultsButStillClaimsTheNextTask() {
    experiments.submit(
        experiment("e"),
        List.of(Graphs.task("a", TaskKind.TRAIN), Graphs.task("b", TaskKind.TRAIN)));
    Lease a = store.claim("w1", ALL).orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    store.reclaimExpired();

    Completion late = store.completeAndClaim(a, (h, id) -> insertMarker(h, id, "late"), ALL);

    assertThat(late.completed()).isFalse();
    assertThat(late.next()).map(Lease::key).contains("b");
    assertThat(markers()).isEmpty();
    assertThat(state("a")).isEqualTo("ready");
    assertThat(attemptOutcomes("a")).containsExactly("expired");
    assertThat(state("b")).isEqualTo("running");
  }

  @Test
  void theExperimentClosesWhenEveryTaskSucceeded() {
    long id = experiments.submit(experiment("e"), diamond()).experimentId();

    Optional<Lease> next;
    while ((next = store.claim("w1", ALL)).isPresent()) {
      store.complete(next.get(), ResultWriter.NONE);
    }
    experiments.closeFinished();

    assertThat(experiments.state(id)).contains("succeeded");
  }

  @Test
  void onlyKindsTheWorkerTakesAreClaimed() {
    experiments.submit(experiment("e"), diamond());

    Optional<Lease> lease = store.claim("w1", List.of(TaskKind.SCORE, TaskKind.PLANE));

    assertThat(lease).isEmpty();
  }

  @Test
  void aHeartbeatKeepsTheLeaseAlive() {
    experiments.submit(experiment("e"), diamond());
    Lease lease = store.claim("w1", ALL).orElseThrow();

    clock.advance(Duration.ofSeconds(20));
    boolean held = store.heartbeat(lease, 0.5);
    clock.advance(Duration.ofSeconds(20));
    int reclaimed = store.reclaimExpired();

    assertThat(held).isTrue();
    assertThat(reclaimed).isZero();
    assertThat(store.complete(lease, ResultWriter.NONE)).isTrue();
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheLateCompletionIsRefused() {
    experiments.submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    Lease first = store.claim("w1", ALL).orElseThrow();

    clock.advance(LEASE.plusSeconds(1));
    int reclaimed = store.reclaimExpired();
    clock.advance(Duration.ofSeconds(10));
    Lease second = store.claim("w2", ALL).orElseThrow();
    boolean lateCompletion = store.complete(first, (h, id) -> insertMarker(h, id, "late"));
    boolean lateHeartbeat = store.heartbeat(first, 0.9);
    boolean completion = store.complete(second, (h, id) -> insertMarker(h, id, "on time"));

    assertThat(reclaimed).isEqualTo(1);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(lateCompletion).isFalse();
    assertThat(lateHeartbeat).isFalse();
    assertThat(completion).isTrue();
    assertThat(markers()).containsExactly("on time");
    assertThat(attemptOutcomes("a")).containsExactly("expired", "succeeded");
  }

  @Test
  void aCompletionThatWaitedForATakeOverIsRefused() throws Exception {
    experiments.submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    Lease lease = store.claim("w1", ALL).orElseThrow();
    ExecutorService completing = Executors.newSingleThreadExecutor();

    Future<Boolean> completion;
    try (Handle takeOver = jdbi.open()) {
      takeOver.begin();
      takeOver.execute(
          "UPDATE tasks SET attempt = attempt + 1, lease_owner = 'w2' WHERE id = ?",
          lease.taskId());
      completion = completing.submit(() -> store.complete(lease, ResultWriter.NONE));
      awaitLockWaiters(1);
      takeOver.commit();
    }
    boolean completed = completion.get(20, TimeUnit.SECONDS);
    completing.shutdown();

    assertThat(completed).isFalse();
    assertThat(state("a")).isEqualTo("running");
    assertThat(attemptOutcomes("a")).isEmpty();
  }

  /**
   * A completion holds what it locked until it commits, after its results are written; no lock of
   * one slot's completion may hold up another slot of the same worker, or a worker's slots would
   * complete short tasks one at a time.
   */
  @Test
  void slotsOfOneWorkerCompleteWithoutWaitingForEachOther() throws Exception {
    experiments.submit(
        experiment("e"),
        List.of(Graphs.task("a", TaskKind.TRAIN), Graphs.task("b", TaskKind.TRAIN)));
    new WorkerRegistry(jdbi, clock).register("w1", "host", 1, ALL, 2);
    Lease a = store.claim("w1", ALL).orElseThrow();
    Lease b = store.claim("w1", ALL).orElseThrow();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService slots = Executors.newFixedThreadPool(2);
    ResultWriter slowResults =
        (handle, taskId) -> {
          writing.countDown();
          awaitQuietly(written);
        };

    Future<Boolean> first = slots.submit(() -> store.complete(a, slowResults));
    assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();
    Future<Boolean> second = slots.submit(() -> store.complete(b, ResultWriter.NONE));
    boolean secondCompleted = second.get(20, TimeUnit.SECONDS);
    written.countDown();
    boolean firstCompleted = first.get(20, TimeUnit.SECONDS);
    slots.shutdown();

    assertThat(secondCompleted).isTrue();
    assertThat(firstCompleted).isTrue();
    assertThat(attemptOutcomes("a")).containsExactly("succeeded");
    assertThat(attemptOutcomes("b")).containsExactly("succeeded");
  }

  @Test
  void aFailureIsRetriedAfterExponentialBackoff() {
    experiments.submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));

    store.fail(store.claim("w1", ALL).orElseThrow(), new IllegalStateException("boom 1"));
    boolean claimableAtOnce = store.claim("w1", ALL).isPresent();
    clock.advance(Duration.ofSeconds(10));
    store.fail(store.claim("w1", ALL).orElseThrow(), new IllegalStateException("boom 2"));
    clock.advance(Duration.ofSeconds(10));
    boolean claimableAfterFirstDelay = store.claim("w1", ALL).isPresent();
    clock.advance(Duration.ofSeconds(10));
    Optional<Lease> third = store.claim("w1", ALL);

    assertThat(claimableAtOnce).isFalse();
    assertThat(claimableAfterFirstDelay).isFalse();
    assertThat(third).isPresent();
    assertThat(third.get().attempt()).isEqualTo(3);
    assertThat(attemptErrors("a"))
        .containsExactly("IllegalStateException: boom 1", "IllegalStateException: boom 2");
  }

  @Test
  void aTaskOutOfAttemptsFailsAndBlocksItsDependents() {
    experiments.submit(experiment("e"), diamond());

    for (int attempt = 1; attempt <= 3; attempt++) {
      Lease a = Graphs.claim(store, "a");
      store.fail(a, new IllegalStateException("always"));
      clock.advance(Duration.ofMinutes(2));
    }

    assertThat(state("a")).isEqualTo("failed");
    assertThat(state("pa")).isEqualTo("blocked");
    assertThat(state("s")).isEqualTo("blocked");
    assertThat(blockedBy("s")).isEqualTo(id("a"));
    assertThat(state("b")).isEqualTo("ready");
  }

  @Test
  void aReleasedTaskSpendsNoAttempt() {
    experiments.submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));

    store.release(store.claim("w1", ALL).orElseThrow());
    Lease again = store.claim("w2", ALL).orElseThrow();

    assertThat(again.attempt()).isEqualTo(2);
    assertThat(failures("a")).isZero();
    assertThat(attemptOutcomes("a")).containsExactly("released");
  }

  @Test
  void aStateOutsideTheTaskStatesIsRefused() {
    experiments.submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));

    Throwable refused =
        catchThrowable(
            () ->
                jdbi.useHandle(
                    h -> h.execute("UPDATE tasks SET state = 'paused' WHERE key = 'a'")));

    assertThat(refused).hasMessageContaining("task_state").hasMessageContaining("paused");
    assertThat(state("a")).isEqualTo("ready");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the test did not let the results' writer go on within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits, up to a deadline, until that many sessions wait for a lock. */
  private void awaitLockWaiters(long sessions) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (lockWaiters() < sessions) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no session waited for a lock within 20 s");
      }
      Thread.sleep(10);
    }
  }

  private long lockWaiters() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                .mapTo(Long.class)
                .one());
  }

  private static void insertMarker(Handle h, long taskId, String text) {
    h.createUpdate(
            "INSERT INTO artifacts (task_id, name, content_type, size, sha256, bytes, created_at)"
                + " VALUES (:t, :n, 'text/plain', 0, '', '\\x00', now())")
        .bind("t", taskId)
        .bind("n", text)
        .execute();
  }

  private List<String> markers() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT name FROM artifacts").mapTo(String.class).list());
  }

  private String state(String key) {
    return column(key, "state", String.class);
  }

  private long id(String key) {
    return column(key, "id", Long.class);
  }

  private long blockedBy(String key) {
    return column(key, "blocked_by", Long.class);
  }

  private int failures(String key) {
    return column(key, "failures", Integer.class);
  }

  private <T> T column(String key, String column, Class<T> type) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + column + " FROM tasks WHERE key = :key")
                .bind("key", key)
                .mapTo(type)
                .one());
  }

  private List<String> attemptOutcomes(String key) {
    return attemptColumn(key, "outcome");
  }

  private List<String> attemptErrors(String key) {
    return attemptColumn(key, "error");
  }

  private List<String> attemptColumn(String key, String column) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT a."
                        + column
                        + " FROM attempts a JOIN tasks t ON t.id = a.task_id"
                        + " WHERE t.key = :key ORDER BY a.attempt")
                .bind("key", key)
                .mapTo(String.class)
                .list());
  }
}
