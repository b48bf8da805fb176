package org.twice.store;

import org.jdbi.v3.core.Handle;

/**
 * Writes a finished task's results. It runs inside the transaction that marks the task succeeded,
 * and only if the attempt still holds its lease, so results and state commit together or not at
 * all.
 */
@FunctionalInterface
public interface ResultWriter {
  void write(Handle handle, long taskId);

  ResultWriter NONE = (handle, taskId) -> {};
}
