package org.twice.store;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The workers table: who is working, on which host, and when each last said so. Thread-safe. */
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
                        + " started_at = EXCLUDED.started_at, last_heartbeat = EXCLUDED.last_heartbeat")
                .bind("id", workerId)
                .bind("host", host)
                .bind("pid", pid)
                .bind("kinds", kinds.stream().map(TaskKind::word).toArray(String[]::new))
                .bind("slots", slots)
                .bind("now", Times.utc(clock.instant()))
                .execute());
  }

  public void heartbeat(String workerId) {
    update(workerId, "UPDATE workers SET last_heartbeat = :now WHERE id = :id");
  }

  public void stopped(String workerId) {
    update(workerId, "UPDATE workers SET state = 'stopped', last_heartbeat = :now WHERE id = :id");
  }

  private void update(String workerId, String sql) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(sql)
                .bind("id", workerId)
                .bind("now", Times.utc(clock.instant()))
                .execute());
  }
}
