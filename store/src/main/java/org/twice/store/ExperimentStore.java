package org.twice.store;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiments and their task graphs: submitting, retrying, cancelling and closing them.
 * Thread-safe.
 */
public final class ExperimentStore {
  private static final Logger log = LoggerFactory.getLogger(ExperimentStore.class);

  private final Jdbi jdbi;
  private final Clock clock;

  public ExperimentStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Writes the experiment and its whole task graph in one transaction. Tasks are given in an order
   * where inputs come first. A task whose key exists already is shared rather than written again:
   * if it succeeded it is reused, if it failed or was cancelled it is queued again. The planner's
   * statistics of the tasks are refreshed afterwards, see {@link #analyzeTasks()}.
   */
  public Submission submit(NewExperiment experiment, List<NewTask> tasks) {
    Instant now = clock.instant();
    Submission submission = jdbi.inTransaction(handle -> write(handle, experiment, tasks, now));
    analyzeTasks();
    return submission;
  }

  /** {@link #submit}'s writes, in the caller's transaction. */
  Submission write(Handle handle, NewExperiment experiment, List<NewTask> tasks, Instant now) {
    long experimentId = insertExperiment(handle, experiment, now);
    Map<String, Long> ids = new HashMap<>();
    int created = 0;
    int reused = 0;
    for (NewTask task : tasks) {
      Optional<Long> inserted = insertTask(handle, task, now);
      long id = inserted.orElseGet(() -> existingId(handle, task.key()));
      ids.put(task.key(), id);
      boolean isReused = inserted.isEmpty() && isSucceeded(handle, id);
      created += inserted.isPresent() ? 1 : 0;
      reused += isReused ? 1 : 0;
      linkInputs(handle, task, id, ids);
      link(handle, experimentId, id, isReused);
    }
    int requeued = requeueAndPromote(handle, experimentId, now);
    closeFinished(handle, now);
    return new Submission(experimentId, tasks.size(), created, reused, requeued);
  }

  /** Puts the failed tasks of an experiment, and those they blocked, back in the queue. */
  public int retry(long experimentId) {
    Instant now = clock.instant();
    int requeued =
        jdbi.inTransaction(
            handle -> {
              requireExperiment(handle, experimentId);
              int count = requeueAndPromote(handle, experimentId, now);
              handle
                  .createUpdate(
                      "UPDATE experiments SET state = 'running', finished_at = NULL WHERE id = :id")
                  .bind("id", experimentId)
                  .execute();
              closeFinished(handle, now);
              return count;
            });
    analyzeTasks();
    return requeued;
  }

  /**
   * Refreshes the planner's statistics of the tasks after many of them were written or made ready
   * at once. Without it, until autovacuum's next pass (up to a minute), the planner still believes
   * few tasks are ready and claims every task by sorting all ready ones instead of reading the
   * first one off the {@code tasks_ready} index: milliseconds instead of a fraction of one, each. A
   * user that does not own the table gets a warning from PostgreSQL, not an error.
   */
  private void analyzeTasks() {
    jdbi.useHandle(handle -> handle.execute("ANALYZE tasks"));
  }

  /** Stops an experiment: its unfinished tasks that no other running experiment needs end. */
  public int cancel(long experimentId) {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          requireExperiment(handle, experimentId);
          List<Long> cancelled =
              handle
                  .createQuery(Sql.named("cancel_tasks"))
                  .bind("experiment", experimentId)
                  .bind("now", Times.utc(now))
                  .mapTo(Long.class)
                  .list();
          handle
              .createUpdate(
                  "UPDATE experiments SET state = 'cancelled', finished_at = :now"
                      + " WHERE id = :id AND state = 'running'")
              .bind("now", Times.utc(now))
              .bind("id", experimentId)
              .execute();
          return cancelled.size();
        });
  }

  /** Closes running experiments with nothing left to run; returns how many were closed. */
  public int closeFinished() {
    Instant now = clock.instant();
    return jdbi.inTransaction(handle -> closeFinished(handle, now));
  }

  /** The experiment's state word, or empty if there is no such experiment. */
  public Optional<String> state(long experimentId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT state FROM experiments WHERE id = :id")
                .bind("id", experimentId)
                .mapTo(String.class)
                .findOne());
  }

  /** The id of the most recently submitted experiment, if any. */
  public Optional<Long> latest() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT max(id) FROM experiments")
                .mapTo(Long.class)
                .findOne()
                .filter(id -> id != null));
  }

  private int closeFinished(Handle handle, Instant now) {
    List<String> closed =
        handle
            .createQuery(Sql.named("close_finished"))
            .bind("now", Times.utc(now))
            .map((rs, ctx) -> "experiment=" + rs.getLong("id") + " state=" + rs.getString("state"))
            .list();
    closed.forEach(line -> log.info("experiment closed {}", line));
    return closed.size();
  }

  private int requeueAndPromote(Handle handle, long experimentId, Instant now) {
    int requeued =
        handle
            .createUpdate(Sql.named("requeue_unfinished"))
            .bind("experiment", experimentId)
            .bind("now", Times.utc(now))
            .execute();
    handle
        .createUpdate(Sql.named("promote_ready"))
        .bind("experiment", experimentId)
        .bind("now", Times.utc(now))
        .execute();
    return requeued;
  }

  private static void requireExperiment(Handle handle, long experimentId) {
    boolean exists =
        handle
                .createQuery("SELECT count(*) FROM experiments WHERE id = :id")
                .bind("id", experimentId)
                .mapTo(Long.class)
                .one()
            > 0;
    if (!exists) {
      throw new StoreException(
          "no experiment " + experimentId + "; `twice status` lists the experiments");
    }
  }

  private static long insertExperiment(Handle handle, NewExperiment experiment, Instant now) {
    return handle
        .createQuery(
            "INSERT INTO experiments (name, spec_path, spec_text, settings, submitted_at)"
                + " VALUES (:name, :path, :text, CAST(:settings AS jsonb), :now) RETURNING id")
        .bind("name", experiment.name())
        .bind("path", experiment.specPath())
        .bind("text", experiment.specText())
        .bind("settings", experiment.settings())
        .bind("now", Times.utc(now))
        .mapTo(Long.class)
        .one();
  }

  private static Optional<Long> insertTask(Handle handle, NewTask task, Instant now) {
    return handle
        .createQuery(Sql.named("insert_task"))
        .bind("key", task.key())
        .bind("kind", task.kind().word())
        .bind("label", task.label())
        .bind("params", task.params())
        .bind("maxAttempts", task.maxAttempts())
        .bind("now", Times.utc(now))
        .mapTo(Long.class)
        .findOne();
  }

  /**
   * The id of the task with this key, locked against updates until the submission commits. A
   * completion of that task waits for the commit, and its search for dependents then finds the
   * edges this submission adds; without the lock, a task that completed between this submission's
   * promotion of ready tasks and its commit would leave its new dependents waiting for good. A
   * completion that came first is waited for instead, and the promotion finds the task succeeded.
   */
  private static long existingId(Handle handle, String key) {
    return handle
        .createQuery("SELECT id FROM tasks WHERE key = :key FOR SHARE")
        .bind("key", key)
        .mapTo(Long.class)
        .one();
  }

  private static boolean isSucceeded(Handle handle, long id) {
    return handle
        .createQuery("SELECT state = 'succeeded' FROM tasks WHERE id = :id")
        .bind("id", id)
        .mapTo(Boolean.class)
        .one();
  }

  private static void linkInputs(Handle handle, NewTask task, long id, Map<String, Long> ids) {
    for (String input : task.inputs()) {
      Long parent = ids.get(input);
      if (parent == null) {
        throw new IllegalArgumentException(
            "task " + task.key() + " reads " + input + ", which is not planned before it");
      }
      handle
          .createUpdate(
              "INSERT INTO task_edges (parent_id, child_id) VALUES (:parent, :child)"
                  + " ON CONFLICT DO NOTHING")
          .bind("parent", parent)
          .bind("child", id)
          .execute();
    }
  }

  private static void link(Handle handle, long experimentId, long taskId, boolean reused) {
    handle
        .createUpdate(
            "INSERT INTO experiment_tasks (experiment_id, task_id, reused)"
                + " VALUES (:experiment, :task, :reused) ON CONFLICT DO NOTHING")
        .bind("experiment", experimentId)
        .bind("task", taskId)
        .bind("reused", reused)
        .execute();
  }
}
