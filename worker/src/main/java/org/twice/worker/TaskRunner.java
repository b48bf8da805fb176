package org.twice.worker;

import org.twice.store.Lease;
import org.twice.store.ResultWriter;

/**
 * Runs one kind of task. It does the work outside any transaction and returns what to write; the
 * worker writes it in the transaction that completes the task, under the lease's fence.
 */
@FunctionalInterface
public interface TaskRunner {
  ResultWriter run(Lease lease, TaskContext context) throws Exception;
}
