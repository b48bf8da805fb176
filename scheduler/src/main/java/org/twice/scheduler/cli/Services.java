package org.twice.scheduler.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.twice.scheduler.jobs.Scheduler;
import org.twice.store.Backoff;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.worker.Hosts;
import org.twice.worker.Worker;
import org.twice.worker.WorkerSettings;
import org.twice.worker.tasks.Runners;
import org.twice.worker.tasks.TrainCheckpoints;

/** Builds the scheduler and workers of one process on one database, with the default timings. */
final class Services {
  static final Duration LEASE = Duration.ofSeconds(60);
  static final Duration POLL = Duration.ofSeconds(5);
  static final Duration PERIOD = Duration.ofSeconds(5);

  private final Database database;
  private final Clock clock = Clock.systemUTC();

  Services(Database database) {
    this.database = database;
  }

  TaskStore tasks() {
    return tasks(LEASE);
  }

  TaskStore tasks(Duration lease) {
    return new TaskStore(database.jdbi(), clock, lease, Backoff.DEFAULT);
  }

  ExperimentStore experiments() {
    return new ExperimentStore(database.jdbi(), clock);
  }

  Scheduler scheduler() {
    return scheduler(PERIOD);
  }

  Scheduler scheduler(Duration period) {
    return new Scheduler(database, tasks(), experiments(), period);
  }

  Worker worker(List<TaskKind> kinds, int concurrency, Duration grace) {
    return worker(kinds, concurrency, grace, LEASE, TrainCheckpoints.DEFAULT_EVERY);
  }

  Worker worker(
      List<TaskKind> kinds,
      int concurrency,
      Duration grace,
      Duration lease,
      Duration checkpointEvery) {
    String id = Hosts.name() + "-" + ProcessHandle.current().pid() + "-" + shortId();
    WorkerSettings settings = new WorkerSettings(id, kinds, concurrency, lease, POLL, grace);
    return new Worker(
        database,
        settings,
        tasks(lease),
        clock,
        Runners.standard(database, clock, checkpointEvery));
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
