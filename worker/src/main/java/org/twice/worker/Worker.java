package org.twice.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.twice.store.Completion;
import org.twice.store.Database;
import org.twice.store.Lease;
import org.twice.store.ResultWriter;
import org.twice.store.StoreException;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.WorkerRegistry;
import org.twice.worker.nn.NativeMemory;

/**
 * A worker process's engine: slots that claim and run tasks, a heartbeat that extends their leases,
 * and an alarm that wakes idle slots when work arrives. Start it once; {@link #close} stops it,
 * letting running tasks finish within the shutdown grace and handing back the rest.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final Database database;
  private final WorkerSettings settings;
  private final TaskStore store;
  private final WorkerRegistry registry;
  private final Map<TaskKind, TaskRunner> runners;
  private final Map<Long, Running> running = new ConcurrentHashMap<>();
  private final LongAdder tasksDone = new LongAdder();
  private final WorkAlarm alarm;
  private final ScheduledExecutorService heartbeat;
  private final List<Thread> slots = new ArrayList<>();
  private final CountDownLatch slotsDone;
  private volatile boolean stopping;

  public Worker(
      Database database,
      WorkerSettings settings,
      TaskStore store,
      Clock clock,
      Map<TaskKind, TaskRunner> runners) {
    this.database = database;
    this.settings = settings;
    this.store = store;
    this.registry = new WorkerRegistry(database.jdbi(), clock);
    this.runners = Map.copyOf(runners);
    this.alarm = new WorkAlarm(this::notificationConnection);
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat"));
    this.slotsDone = new CountDownLatch(settings.concurrency());
  }

  public String id() {
    return settings.workerId();
  }

  public void start() {
    registry.register(
        settings.workerId(),
        Hosts.name(),
        ProcessHandle.current().pid(),
        settings.kinds(),
        settings.concurrency());
    daemon(alarm, "work-alarm").start();
    long every = settings.heartbeatInterval().toMillis();
    heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    for (int i = 0; i < settings.concurrency(); i++) {
      Thread slot = new Thread(this::work, settings.workerId() + "-slot-" + i);
      slots.add(slot);
      slot.start();
    }
    log.info(
        "worker started worker={} kinds={} concurrency={} lease={}s poll={}ms",
        settings.workerId(),
        settings.kinds(),
        settings.concurrency(),
        settings.leaseDuration().toSeconds(),
        settings.pollInterval().toMillis());
  }

  /** Whether {@link #close} has begun: from then on no completion claims a next task. */
  boolean isStopping() {
    return stopping;
  }

  /** Blocks until every slot has stopped. */
  public void awaitStopped() throws InterruptedException {
    slotsDone.await();
  }

  /**
   * Stops claiming, waits up to the shutdown grace for running tasks, then aborts the rest and
   * hands them back to the queue.
   */
  @Override
  public void close() {
    stopping = true;
    alarm.stop();
    try {
      if (!slotsDone.await(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        running.values().forEach(r -> r.context().abort("the worker is shutting down"));
        slotsDone.await(settings.leaseDuration().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    heartbeat.shutdownNow();
    safely(() -> registry.stopped(settings.workerId(), tasksDone.sum()), "mark the worker stopped");
    log.info("worker stopped worker={}", settings.workerId());
  }

  private void work() {
    NextLease next = new NextLease();
    try {
      while (!stopping) {
        try {
          Optional<Lease> lease = next.take().or(this::claim);
          if (lease.isPresent()) {
            execute(lease.get(), next);
          } else {
            alarm.await(settings.pollInterval());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          log.warn("worker loop error worker={}: {}; retrying shortly", id(), e.toString());
          pause(settings.pollInterval());
        }
      }
    } finally {
      next.take().ifPresent(this::handBackUnstarted);
      slotsDone.countDown();
    }
  }

  private Optional<Lease> claim() {
    return store.claim(settings.workerId(), settings.kinds());
  }

  /**
   * Runs the task and records how it ended. A successful task's completion also claims the slot's
   * next task, into {@code next}, unless the worker is stopping.
   */
  private void execute(Lease lease, NextLease next) {
    TaskContext context = new TaskContext();
    running.put(lease.taskId(), new Running(lease, context));
    MDC.put("task", Long.toString(lease.taskId()));
    MDC.put("attempt", Integer.toString(lease.attempt()));
    long started = System.nanoTime();
    try {
      ResultWriter results = runner(lease).run(lease, context);
      finish(lease, complete(lease, results, next), started);
    } catch (TaskAbortedException e) {
      handBack(lease, e.getMessage());
    } catch (Exception | LinkageError | AssertionError e) {
      recordFailure(lease, e);
    } finally {
      running.remove(lease.taskId());
      NativeMemory.reclaim();
      MDC.remove("task");
      MDC.remove("attempt");
    }
  }

  private boolean complete(Lease lease, ResultWriter results, NextLease next) {
    if (stopping) {
      return store.complete(lease, results);
    }
    Completion completion = store.completeAndClaim(lease, results, settings.kinds());
    next.hold(completion.next());
    return completion.completed();
  }

  private TaskRunner runner(Lease lease) {
    TaskRunner runner = runners.get(lease.kind());
    if (runner == null) {
      throw new StoreException("this worker has no runner for " + lease.kind().word() + " tasks");
    }
    return runner;
  }

  private void finish(Lease lease, boolean completed, long started) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (completed) {
      tasksDone.increment();
      log.info(
          "task succeeded task={} kind={} attempt={} ms={} label=\"{}\"",
          lease.taskId(),
          lease.kind().word(),
          lease.attempt(),
          ms,
          lease.label());
    } else {
      log.warn(
          "task result refused task={} attempt={}: the lease was lost; another attempt owns it",
          lease.taskId(),
          lease.attempt());
    }
  }

  private void handBack(Lease lease, String reason) {
    if (stopping && store.release(lease)) {
      log.info("task handed back task={} attempt={}: {}", lease.taskId(), lease.attempt(), reason);
    } else {
      log.info("task stopped task={} attempt={}: {}", lease.taskId(), lease.attempt(), reason);
    }
  }

  /**
   * Hands back a lease the slot's last completion claimed but the slot will not run, because the
   * worker is stopping or the slot died; the task spends no attempt. Should that fail too (the
   * database unreachable), the lease is left to expire, as a dead worker's would: it was never in
   * {@code running}, so nothing heartbeats it, and the reclaim job counts it as a failed attempt.
   */
  private void handBackUnstarted(Lease lease) {
    safely(
        () -> {
          if (store.release(lease)) {
            log.info(
                "task handed back task={} attempt={}: claimed by the last completion,"
                    + " never started",
                lease.taskId(),
                lease.attempt());
          }
        },
        "hand back task " + lease.taskId() + "; its lease expires and the task is retried");
  }

  private void recordFailure(Lease lease, Throwable error) {
    boolean recorded = store.fail(lease, error);
    log.warn(
        "task failed task={} kind={} attempt={} recorded={}: {}",
        lease.taskId(),
        lease.kind().word(),
        lease.attempt(),
        recorded,
        error.toString());
  }

  private void beat() {
    try {
      registry.heartbeat(settings.workerId(), tasksDone.sum());
      for (Running task : running.values()) {
        if (!store.heartbeat(task.lease(), task.context().progress())) {
          task.context().abort("the lease was lost or the experiment was cancelled");
        }
      }
    } catch (RuntimeException e) {
      log.warn("heartbeat failed worker={}: {}; trying again next beat", id(), e.toString());
    }
  }

  private Connection notificationConnection() {
    try {
      return database.openDedicatedConnection();
    } catch (SQLException e) {
      throw new StoreException("cannot open the notification connection: " + e.getMessage(), e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void safely(Runnable action, String what) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("could not {}: {}", what, e.toString());
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private record Running(Lease lease, TaskContext context) {}

  /**
   * The lease a slot's last completion claimed, until the slot takes it to run. It lives outside
   * {@link #execute} so that whatever throws after the completion, the slot's loop still finds the
   * lease: it runs it next, or hands it back when it stops. Confined to the slot's thread.
   */
  private static final class NextLease {
    private Lease lease;

    void hold(Optional<Lease> next) {
      lease = next.orElse(null);
    }

    Optional<Lease> take() {
      Optional<Lease> next = Optional.ofNullable(lease);
      lease = null;
      return next;
    }
  }
}
