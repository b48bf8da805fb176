package org.twice.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases, heartbeats and completions of tasks. Every change made on behalf of an attempt is fenced:
 * it commits only while that attempt of that worker holds a live lease. Thread-safe.
 */
public final class TaskStore {
  private static final Logger log = LoggerFactory.getLogger(TaskStore.class);
  private static final int MAX_ERROR_CHARS = 4000;
  private static final int MAX_TRACE_CHARS = 32000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration leaseDuration;
  private final Backoff backoff;

  public TaskStore(Jdbi jdbi, Clock clock, Duration leaseDuration, Backoff backoff) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
    this.backoff = backoff;
  }

  public Duration leaseDuration() {
    return leaseDuration;
  }

  /**
   * Claims the next ready task of one of the kinds, if there is one, and starts its next attempt:
   * one statement, so one round trip that commits on its own. The attempt's row in {@code attempts}
   * is written when it ends; until then the task row holds its worker and start.
   */
  public Optional<Lease> claim(String workerId, List<TaskKind> kinds) {
    Instant now = clock.instant();
    return jdbi.withHandle(handle -> claim(handle, workerId, kinds, now));
  }

  /**
   * Extends the lease and records progress. Returns false when the attempt no longer holds its
   * lease (it expired and was taken over, or the task was cancelled): the worker should stop.
   */
  public boolean heartbeat(Lease lease, double progress) {
    Instant now = clock.instant();
    int updated =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE tasks SET lease_expires_at = :expires, progress = :progress"
                            + " WHERE id = :task AND attempt = :attempt AND lease_owner = :worker"
                            + " AND state = 'running' AND lease_expires_at > :now")
                    .bind("expires", Times.utc(now.plus(leaseDuration)))
                    .bind("progress", Math.max(0, Math.min(1, progress)))
                    .bind("task", lease.taskId())
                    .bind("attempt", lease.attempt())
                    .bind("worker", lease.workerId())
                    .bind("now", Times.utc(now))
                    .execute());
    return updated == 1;
  }

  /**
   * Marks the task succeeded, writes its results, deletes its checkpoint and releases its
   * dependents, all in one transaction, if the attempt still holds its lease. Returns false,
   * writing nothing, otherwise. The fenced part is one call of the database's {@code
   * complete_attempt}, so a completion costs that round trip, the results' and the commit.
   */
  public boolean complete(Lease lease, ResultWriter results) {
    Instant now = clock.instant();
    return jdbi.inTransaction(handle -> completeAttempt(handle, lease, results, now));
  }

  /**
   * Completes the attempt as {@link #complete} does and claims the worker's next task as {@link
   * #claim} does, in one transaction: a task's end and the next one's start cost one commit instead
   * of two, which is most of what the queue spends on a task. Dependents the completion releases
   * can be claimed by this same call.
   *
   * <p>The completion and the claim are one call of the database's {@code complete_and_claim}, one
   * round trip, before the results: a task costs the call, the results' statements and the commit.
   * The claimed task stays locked while the results are written, which holds up hardly anyone:
   * other claims and the expiry scan skip locked tasks, and only a cancellation waits. The claim
   * happens whether or not the completion was accepted: a refused completion (the lease was lost)
   * leaves the worker's slot free all the same, and the worker would claim at once anyway. If
   * writing the results fails, nothing commits, the claim neither, and the exception propagates.
   */
  public Completion completeAndClaim(Lease lease, ResultWriter results, List<TaskKind> kinds) {
    Instant now = clock.instant();
    Instant expires = now.plus(leaseDuration);
    return jdbi.inTransaction(
        handle -> {
          Completion completion =
              handle
                  .createQuery(Sql.named("complete_and_claim"))
                  .bind("task", lease.taskId())
                  .bind("attempt", lease.attempt())
                  .bind("worker", lease.workerId())
                  .bind("now", Times.utc(now))
                  .bind("expires", Times.utc(expires))
                  .bind("kinds", words(kinds))
                  .map(
                      (rs, ctx) ->
                          new Completion(
                              rs.getBoolean("completed"), claimed(rs, lease.workerId(), expires)))
                  .one();
          if (completion.completed()) {
            results.write(handle, lease.taskId());
          }
          return completion;
        });
  }

  /**
   * Records a failed attempt. The task is retried after a backoff while it has attempts left;
   * otherwise it fails and blocks everything downstream. Returns false if the lease was lost.
   */
  public boolean fail(Lease lease, Throwable error) {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          Optional<int[]> budget = fencedBudget(handle, lease, now);
          if (budget.isEmpty()) {
            return false;
          }
          String message = describe(error);
          finishAttempt(handle, lease, now, "failed", message, stackTrace(error));
          afterFailure(handle, lease.taskId(), budget.get()[0] + 1, budget.get()[1], message, now);
          return true;
        });
  }

  /** Hands the task back untouched, as a worker that is stopping does; no attempt is spent. */
  public boolean release(Lease lease) {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          if (!fence(handle, lease, now)) {
            return false;
          }
          finishAttempt(handle, lease, now, "released", "handed back by a stopping worker", null);
          handle
              .createUpdate(
                  "UPDATE tasks SET state = 'ready', not_before = :now, lease_owner = NULL,"
                      + " lease_expires_at = NULL, progress = 0 WHERE id = :task")
              .bind("now", Times.utc(now))
              .bind("task", lease.taskId())
              .execute();
          return true;
        });
  }

  /**
   * Takes back the tasks of workers that stopped heartbeating: each expired attempt counts as a
   * failure. Returns how many tasks were taken back.
   */
  public int reclaimExpired() {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          List<ExpiredLease> expired =
              handle
                  .createQuery(Sql.named("expired_leases"))
                  .bind("now", Times.utc(now))
                  .map(
                      (rs, ctx) ->
                          new ExpiredLease(
                              rs.getLong("id"), rs.getInt("attempt"), rs.getString("lease_owner")))
                  .list();
          expired.forEach(e -> reclaim(handle, e, now));
          return expired.size();
        });
  }

  private void reclaim(Handle handle, ExpiredLease expired, Instant now) {
    String message = "lease expired: worker " + expired.worker() + " stopped heartbeating";
    endAttempt(handle, expired.taskId(), expired.attempt(), now, "expired", message, null);
    int[] budget =
        handle
            .createQuery("SELECT failures, max_attempts FROM tasks WHERE id = :task")
            .bind("task", expired.taskId())
            .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
            .one();
    afterFailure(handle, expired.taskId(), budget[0] + 1, budget[1], message, now);
    log.warn(
        "lease expired task={} attempt={} worker={}; the task goes back to the queue",
        expired.taskId(),
        expired.attempt(),
        expired.worker());
  }

  private void afterFailure(
      Handle handle, long taskId, int failures, int maxAttempts, String message, Instant now) {
    boolean exhausted = failures >= maxAttempts;
    handle
        .createUpdate(
            "UPDATE tasks SET state = :state, failures = :failures, error = :error,"
                + " not_before = :notBefore, lease_owner = NULL, lease_expires_at = NULL,"
                + " finished_at = :finished WHERE id = :task")
        .bind("state", exhausted ? "failed" : "ready")
        .bind("failures", failures)
        .bind("error", message)
        .bind("notBefore", Times.utc(now.plus(backoff.after(failures))))
        .bind("finished", exhausted ? Times.utc(now) : null)
        .bind("task", taskId)
        .execute();
    if (exhausted) {
      handle.createUpdate(Sql.named("block_dependents")).bind("task", taskId).execute();
    }
  }

  private Optional<Lease> claim(Handle handle, String workerId, List<TaskKind> kinds, Instant now) {
    Instant expires = now.plus(leaseDuration);
    return handle
        .createQuery(Sql.named("claim"))
        .bind("now", Times.utc(now))
        .bind("expires", Times.utc(expires))
        .bind("worker", workerId)
        .bind("kinds", words(kinds))
        .map((rs, ctx) -> lease(rs, workerId, expires))
        .findOne();
  }

  private static String[] words(List<TaskKind> kinds) {
    return kinds.stream().map(TaskKind::word).toArray(String[]::new);
  }

  /** The lease on the row's task, or empty when the row's task is null: none was ready. */
  private static Optional<Lease> claimed(ResultSet rs, String workerId, Instant expires)
      throws SQLException {
    return rs.getObject("id") == null
        ? Optional.empty()
        : Optional.of(lease(rs, workerId, expires));
  }

  private static Lease lease(ResultSet rs, String workerId, Instant expires) throws SQLException {
    return new Lease(
        rs.getLong("id"),
        rs.getInt("attempt"),
        workerId,
        TaskKind.byWord(rs.getString("kind")).orElseThrow(),
        rs.getString("key"),
        rs.getString("label"),
        rs.getString("params"),
        expires);
  }

  /**
   * The fenced completion and, only if it was accepted, the results; inside the caller's
   * transaction.
   */
  static boolean completeAttempt(Handle handle, Lease lease, ResultWriter results, Instant now) {
    boolean fenced =
        handle
            .createQuery("SELECT complete_attempt(:task, :attempt, :worker, :now)")
            .bind("task", lease.taskId())
            .bind("attempt", lease.attempt())
            .bind("worker", lease.workerId())
            .bind("now", Times.utc(now))
            .mapTo(Boolean.class)
            .one();
    if (fenced) {
      results.write(handle, lease.taskId());
    }
    return fenced;
  }

  /** Locks the task row if, and only if, the lease's attempt still holds a live lease. */
  static boolean fence(Handle handle, Lease lease, Instant now) {
    return fencedBudget(handle, lease, now).isPresent();
  }

  private static Optional<int[]> fencedBudget(Handle handle, Lease lease, Instant now) {
    return handle
        .createQuery(Sql.named("fence"))
        .bind("task", lease.taskId())
        .bind("attempt", lease.attempt())
        .bind("worker", lease.workerId())
        .bind("now", Times.utc(now))
        .map((rs, ctx) -> new int[] {rs.getInt("failures"), rs.getInt("max_attempts")})
        .findOne();
  }

  private static void finishAttempt(
      Handle handle, Lease lease, Instant now, String outcome, String error, String trace) {
    endAttempt(handle, lease.taskId(), lease.attempt(), now, outcome, error, trace);
  }

  /**
   * Writes the attempt's row from the task row, which still holds the running attempt: call it
   * before the task row changes.
   */
  private static void endAttempt(
      Handle handle,
      long taskId,
      int attempt,
      Instant now,
      String outcome,
      String error,
      String trace) {
    handle
        .createUpdate(Sql.named("end_attempt"))
        .bind("outcome", outcome)
        .bind("now", Times.utc(now))
        .bind("error", error)
        .bind("trace", trace)
        .bind("task", taskId)
        .bind("attempt", attempt)
        .execute();
  }

  static String describe(Throwable error) {
    String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
    String text =
        error instanceof StoreException || error instanceof IllegalArgumentException
            ? message
            : error.getClass().getSimpleName() + ": " + message;
    return truncate(text, MAX_ERROR_CHARS);
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return truncate(out.toString(), MAX_TRACE_CHARS);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  private record ExpiredLease(long taskId, int attempt, String worker) {}
}
