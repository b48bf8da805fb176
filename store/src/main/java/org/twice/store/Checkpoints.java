package org.twice.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Checkpoints in the {@code checkpoints} table, so a worker on any host can continue a task from
 * the database alone. A write is fenced like a completion: a worker that lost its lease cannot
 * replace the checkpoint of the attempt that took over. Completing a task deletes its checkpoint
 * ({@link TaskStore#complete}). Thread-safe.
 */
public final class Checkpoints implements CheckpointStore {
  private final Jdbi jdbi;
  private final Clock clock;

  public Checkpoints(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public Optional<Checkpoint> find(long taskId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT attempt, epochs, train_ms, bytes, sha256, written_at FROM checkpoints"
                        + " WHERE task_id = :task")
                .bind("task", taskId)
                .map(
                    (rs, ctx) ->
                        new Checkpoint(
                            taskId,
                            rs.getInt("attempt"),
                            new CheckpointProgress(rs.getInt("epochs"), rs.getLong("train_ms")),
                            rs.getBytes("bytes"),
                            rs.getString("sha256"),
                            rs.getObject("written_at", OffsetDateTime.class).toInstant()))
                .findOne());
  }

  @Override
  public boolean save(Lease lease, CheckpointProgress progress, byte[] bytes) {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          if (!TaskStore.fence(handle, lease, now)) {
            return false;
          }
          handle
              .createUpdate(Sql.named("save_checkpoint"))
              .bind("task", lease.taskId())
              .bind("attempt", lease.attempt())
              .bind("epochs", progress.epochs())
              .bind("trainMs", progress.trainMs())
              .bind("size", (long) bytes.length)
              .bind("sha", Artifacts.sha256(bytes))
              .bind("bytes", bytes)
              .bind("now", Times.utc(now))
              .execute();
          return true;
        });
  }

  /** Kept on the task row until the attempt ends and gets its row in attempts (V18). */
  @Override
  public void recordResume(Lease lease, int epochs) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE tasks SET resumed_epochs = :epochs"
                        + " WHERE id = :task AND attempt = :attempt AND state = 'running'")
                .bind("epochs", epochs)
                .bind("task", lease.taskId())
                .bind("attempt", lease.attempt())
                .execute());
  }
}
