package org.twice.store;

import java.util.Optional;

/**
 * Where tasks keep the checkpoint of their training, one per task, so that a new attempt continues
 * where a dead one stopped. {@link Checkpoints} keeps them in PostgreSQL; implementations are
 * thread-safe.
 */
public interface CheckpointStore {
  /** The task's checkpoint, if it has one. */
  Optional<Checkpoint> find(long taskId);

  /**
   * Replaces the task's checkpoint with one that has come so far, if the lease's attempt still
   * holds its lease. Returns false, writing nothing, otherwise.
   */
  boolean save(Lease lease, CheckpointProgress progress, byte[] bytes);

  /** Records on the lease's attempt that it continues from a checkpoint after the given epochs. */
  void recordResume(Lease lease, int epochs);
}
