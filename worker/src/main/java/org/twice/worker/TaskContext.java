package org.twice.worker;

/**
 * What a running task may tell its worker. Thread-safe: the task's thread reports progress, the
 * heartbeat thread reads it and may abort the task.
 */
public final class TaskContext {
  private volatile double progress;
  private volatile String abortReason;

  /**
   * Records progress in [0, 1]. Throws {@link TaskAbortedException} if the task should stop: its
   * experiment was cancelled, its lease was lost, or the worker is shutting down.
   */
  public void progress(double fraction) {
    progress = fraction;
    checkNotAborted();
  }

  public void checkNotAborted() {
    String reason = abortReason;
    if (reason != null) {
      throw new TaskAbortedException(reason);
    }
  }

  double progress() {
    return progress;
  }

  void abort(String reason) {
    abortReason = reason;
  }

  boolean isAborted() {
    return abortReason != null;
  }
}
