package org.twice.store;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The workers table: who is working, on which host, when each last said so and how many tasks it
 * had completed then. A worker counts its completions itself and reports the count with its
 * heartbeats, so that no completion waits on its worker's row. Thread-safe.
 */
public final class WorkerRegistry {
  private final Jdbi jdbi;
  private final Clock clock;

  public WorkerRegistry(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public void register(String workerId, String host, long pid, List<TaskKind> kinds, int slots) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO workers (id, host, pid, kinds, concurrency, state, started_at,"
                        + " last_heartbeat) VALUES (:id, :host, :pid, :kinds, :slots, 'running',"
                        + " :now, :now) ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host,"
                        + " pid = EXCLUDED.pid, kinds = EXCLUDED.kinds,"
                        + " concurrency = EXCLUDED.concurrency, state = 'running',"
                        + " started_at = EXCLUDED.started_at,"
                        + " last_heartbeat = EXCLUDED.last_heartbeat, tasks_done = 0")
                .bind("id", workerId)
                .bind("host", host)
                .bind("pid", pid)
                .bind("kinds", kinds.stream().map(TaskKind::word).toArray(String[]::new))
                .bind("slots", slots)
                .bind("now", Times.utc(clock.instant()))
                .execute());
  }

  /** The worker is alive and has completed {@code tasksDone} tasks since it registered. */
  public void heartbeat(String workerId, long tasksDone) {
    update(
        workerId,
        tasksDone,
        "UPDATE workers SET last_heartbeat = :now, tasks_done = :done WHERE id = :id");
  }

  /** The worker stopped, having completed {@code tasksDone} tasks since it registered. */
  public void stopped(String workerId, long tasksDone) {
    update(
        workerId,
        tasksDone,
        "UPDATE workers SET state = 'stopped', last_heartbeat = :now, tasks_done = :done"
            + " WHERE id = :id");
  }

  private void update(String workerId, long tasksDone, String sql) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(sql)
                .bind("id", workerId)
                .bind("done", Math.toIntExact(tasksDone))
                .bind("now", Times.utc(clock.instant()))
                .execute());
  }
}
