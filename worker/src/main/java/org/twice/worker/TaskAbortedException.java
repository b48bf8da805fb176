package org.twice.worker;

/** Stops a running task that its worker no longer wants finished. */
public final class TaskAbortedException extends RuntimeException {
  public TaskAbortedException(String reason) {
    super(reason, null, false, false);
  }
}
