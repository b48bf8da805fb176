package org.twice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twice.store.Backoff;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.Graphs;
import org.twice.store.ResultWriter;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.TestDatabase;

class WorkerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private Database database;
  private Jdbi jdbi;
  private Clock clock;
  private TaskStore tasks;
  private ExperimentStore experiments;

  @BeforeEach
  void setUp() {
    database = TestDatabase.clean();
    jdbi = database.jdbi();
    clock = Clock.systemUTC();
    tasks = new TaskStore(jdbi, clock, Duration.ofSeconds(30), Backoff.DEFAULT);
    experiments = new ExperimentStore(jdbi, clock);
  }

  @Test
  void anIdleWorkerWakesOnNotificationLongBeforeItsPollInterval() throws Exception {
    Worker worker =
        worker(Duration.ofMinutes(10), Duration.ofSeconds(5), (lease, ctx) -> ResultWriter.NONE);
    worker.start();
    awaitTrue(() -> count("SELECT count(*) FROM workers") == 1);
    Thread.sleep(500);

    experiments.submit(Graphs.experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    awaitTrue(() -> state("a").equals("succeeded"));
    worker.close();

    assertThat(state("a")).isEqualTo("succeeded");
  }

  @Test
  void aStoppingWorkerHandsBackATaskThatDoesNotFinishInItsGrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TaskRunner endless =
        (lease, ctx) -> {
          started.countDown();
          while (true) {
            ctx.progress(0.5);
            Thread.sleep(20);
          }
        };
    experiments.submit(Graphs.experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    Worker worker = worker(Duration.ofSeconds(1), Duration.ofMillis(300), endless);
    worker.start();
    assertThat(started.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    worker.close();

    assertThat(state("a")).isEqualTo("ready");
    assertThat(count("SELECT failures FROM tasks")).isZero();
    assertThat(outcomes()).containsExactly("released");
  }

  @Test
  void aStoppingWorkerLetsATaskFinishWithinItsGrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TaskRunner brief =
        (lease, ctx) -> {
          started.countDown();
          Thread.sleep(300);
          return ResultWriter.NONE;
        };
    experiments.submit(Graphs.experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    Worker worker = worker(Duration.ofSeconds(1), Duration.ofSeconds(10), brief);
    worker.start();
    assertThat(started.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    worker.close();

    assertThat(state("a")).isEqualTo("succeeded");
  }

  @Test
  void aFailingTaskIsRecordedWithItsErrorAndStackTrace() throws Exception {
    experiments.submit(Graphs.experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
    Worker worker =
        worker(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            (lease, ctx) -> {
              throw new IllegalStateException("weights exploded");
            });

    worker.start();
    awaitTrue(() -> count("SELECT count(*) FROM attempts WHERE outcome = 'failed'") >= 1);
    worker.close();

    String trace =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT stack_trace FROM attempts WHERE attempt = 1")
                    .mapTo(String.class)
                    .one());
    assertThat(trace).contains("weights exploded").contains("WorkerTest");
    assertThat(state("a")).isEqualTo("ready");
  }

  @Test
  void aSucceededTaskClaimsTheSlotsNextTaskInItsCompletion() throws Exception {
    submitChainOfThree();
    Worker worker =
        worker(Duration.ofMinutes(10), Duration.ofSeconds(5), (lease, ctx) -> ResultWriter.NONE);

    worker.start();
    awaitTrue(() -> state("c").equals("succeeded"));
    worker.close();

    assertThat(outcomes()).containsExactly("succeeded", "succeeded", "succeeded");
    assertThat(startedWhenInputFinished("b", "a")).isTrue();
    assertThat(startedWhenInputFinished("c", "b")).isTrue();
  }

  @Test
  void aWorkerReportsTheTasksItCompletedWithItsHeartbeatsAndWhenItStops() throws Exception {
    submitChainOfThree();
    CountDownLatch lastMayFinish = new CountDownLatch(1);
    TaskRunner lastWaits =
        (lease, ctx) -> {
          if (lease.key().equals("c")) {
            lastMayFinish.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
          }
          return ResultWriter.NONE;
        };
    WorkerSettings settings =
        new WorkerSettings(
            "w-test",
            List.of(TaskKind.TRAIN),
            1,
            Duration.ofMillis(900),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    Worker worker = new Worker(database, settings, tasks, clock, Map.of(TaskKind.TRAIN, lastWaits));

    worker.start();
    awaitTrue(() -> state("c").equals("running"));
    awaitTrue(() -> tasksDone() == 2);
    lastMayFinish.countDown();
    awaitTrue(() -> state("c").equals("succeeded"));
    worker.close();

    assertThat(tasksDone()).isEqualTo(3);
  }

  @Test
  void aTaskClaimedByTheCompletionAsTheWorkerStopsIsHandedBackUnspent() throws Exception {
    experiments.submit(
        Graphs.experiment("e"),
        List.of(Graphs.task("a", TaskKind.TRAIN), Graphs.task("b", TaskKind.TRAIN, "a")));
    AtomicReference<Worker> self = new AtomicReference<>();
    Thread closing = new Thread(() -> self.get().close());
    TaskRunner stopsTheWorkerAsItCompletes =
        (lease, ctx) -> (handle, taskId) -> closeFromAnotherThread(self.get(), closing);
    self.set(worker(Duration.ofMinutes(10), Duration.ofSeconds(5), stopsTheWorkerAsItCompletes));

    self.get().start();
    awaitTrue(() -> closing.getState() == Thread.State.TERMINATED);

    assertThat(state("a")).isEqualTo("succeeded");
    assertThat(state("b")).isEqualTo("ready");
    assertThat(count("SELECT failures FROM tasks WHERE key = 'b'")).isZero();
    assertThat(outcomes()).containsExactly("succeeded", "released");
  }

  /** Starts the worker's close and returns once it has begun, as a completion is being written. */
  private static void closeFromAnotherThread(Worker worker, Thread closing) {
    closing.start();
    try {
      awaitTrue(worker::isStopping);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Tasks a, b and c, each the input of the next. */
  private void submitChainOfThree() {
    experiments.submit(
        Graphs.experiment("e"),
        List.of(
            Graphs.task("a", TaskKind.TRAIN),
            Graphs.task("b", TaskKind.TRAIN, "a"),
            Graphs.task("c", TaskKind.TRAIN, "b")));
  }

  private boolean startedWhenInputFinished(String task, String input) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT t.started_at = i.finished_at FROM attempts t, attempts i"
                        + " WHERE t.task_id = (SELECT id FROM tasks WHERE key = :task)"
                        + " AND i.task_id = (SELECT id FROM tasks WHERE key = :input)")
                .bind("task", task)
                .bind("input", input)
                .mapTo(Boolean.class)
                .one());
  }

  private Worker worker(Duration poll, Duration grace, TaskRunner runner) {
    WorkerSettings settings =
        new WorkerSettings(
            "w-test", List.of(TaskKind.TRAIN), 1, Duration.ofSeconds(30), poll, grace);
    return new Worker(database, settings, tasks, clock, Map.of(TaskKind.TRAIN, runner));
  }

  private List<String> outcomes() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT outcome FROM attempts ORDER BY task_id, attempt")
                .mapTo(String.class)
                .list());
  }

  private String state(String key) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT state FROM tasks WHERE key = :k")
                .bind("k", key)
                .mapTo(String.class)
                .one());
  }

  private long tasksDone() {
    return count("SELECT tasks_done FROM worker_status WHERE worker_id = 'w-test'");
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within " + DEADLINE);
      }
      Thread.sleep(50);
    }
  }
}
