package org.twice.scheduler.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.twice.store.Backoff;
import org.twice.store.Completion;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.Lease;
import org.twice.store.NewExperiment;
import org.twice.store.NewTask;
import org.twice.store.ResultWriter;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.WorkerRegistry;

/**
 * The queue's throughput: concurrent workers claim and complete tasks that do nothing, through
 * {@link TaskStore}, until none is left. Each thread is a registered worker of one slot and goes
 * through the store as a worker's slot does: it claims once, then completes each task and claims
 * the next in one call ({@link TaskStore#completeAndClaim}), so that a task costs one transaction.
 *
 * <p>Experiments of a fifth as many tasks are drained untimed first, for at least the warm-up, as
 * the network workloads run untimed steps first, so that the figure is the queue's and not the JIT
 * compiler's: a worker process claims for hours, and its first tens of thousands of claims compile
 * the code of the store, Jdbi, HikariCP and the JDBC driver. On two cores shared with the database
 * the compiler takes that long: after 2,000 untimed tasks the JVM still spent half as much again a
 * task as in the steady state (docs/performance.md, The queue).
 */
public final class QueueBench {
  /** The untimed drains of a full bench last at least this long. */
  public static final Duration WARM_UP = Duration.ofSeconds(10);

  private static final List<TaskKind> KINDS = List.of(TaskKind.TRAIN);

  private QueueBench() {}

  /**
   * Tasks claimed and completed a second by {@code workers} threads over {@code tasks} tasks, after
   * untimed drains lasting at least {@code warmUp} (one drain when it is zero).
   */
  public static double tasksPerSecond(Database database, int workers, int tasks, Duration warmUp)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    ExperimentStore experiments = new ExperimentStore(database.jdbi(), clock);
    TaskStore store =
        new TaskStore(database.jdbi(), clock, Duration.ofMinutes(10), Backoff.DEFAULT);
    WorkerRegistry registry = new WorkerRegistry(database.jdbi(), clock);
    for (int w = 0; w < workers; w++) {
      registry.register(workerId(w), "bench", ProcessHandle.current().pid(), KINDS, 1);
    }
    long start = System.nanoTime();
    int round = 0;
    do {
      String name = "queue-warm-up-" + round++;
      drainRate(store, workers, experiments, name, Math.max(1, tasks / 5));
    } while (System.nanoTime() - start < warmUp.toNanos());
    return drainRate(store, workers, experiments, "queue-bench", tasks);
  }

  /**
   * Submits an experiment of {@code tasks} no-op tasks and drains it; returns the tasks completed a
   * second, timed from the first claim to the last completion.
   */
  private static double drainRate(
      TaskStore store, int workers, ExperimentStore experiments, String name, int tasks)
      throws InterruptedException {
    experiments.submit(new NewExperiment(name, "bench", "", "{}"), noOps(name, tasks));
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Callable<Integer>> loops = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String id = workerId(w);
        loops.add(() -> drain(store, id));
      }
      long start = System.nanoTime();
      int done = 0;
      for (Future<Integer> loop : pool.invokeAll(loops)) {
        done += loop.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (done != tasks) {
        throw new IllegalStateException("completed %d of %d tasks".formatted(done, tasks));
      }
      return done / seconds;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a queue worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A worker slot's loop with a task that does nothing: claim once, then complete-and-claim. */
  private static int drain(TaskStore store, String worker) {
    int done = 0;
    Optional<Lease> lease = store.claim(worker, KINDS);
    while (lease.isPresent()) {
      Completion completion = store.completeAndClaim(lease.get(), ResultWriter.NONE, KINDS);
      if (completion.completed()) {
        done++;
      }
      lease = completion.next();
    }
    return done;
  }

  private static String workerId(int worker) {
    return "bench-worker-" + worker;
  }

  private static List<NewTask> noOps(String experiment, int tasks) {
    return IntStream.range(0, tasks)
        .mapToObj(
            i ->
                new NewTask(experiment + "-" + i, TaskKind.TRAIN, "no-op " + i, "{}", 1, List.of()))
        .toList();
  }
}
