package org.twice.worker.tasks;

import java.util.Optional;
import org.twice.store.Checkpoint;
import org.twice.store.CheckpointProgress;
import org.twice.store.CheckpointStore;
import org.twice.store.Lease;

/**
 * A worker that dies, taking nothing further with it, right after its nth checkpoint commits: the
 * store saves as the one it wraps, then throws {@link WorkerDied}.
 */
final class DyingAfterSaves implements CheckpointStore {
  private final CheckpointStore store;
  private int savesLeft;

  DyingAfterSaves(CheckpointStore store, int saves) {
    this.store = store;
    this.savesLeft = saves;
  }

  @Override
  public Optional<Checkpoint> find(long taskId) {
    return store.find(taskId);
  }

  @Override
  public boolean save(Lease lease, CheckpointProgress progress, byte[] bytes) {
    boolean saved = store.save(lease, progress, bytes);
    if (--savesLeft == 0) {
      throw new WorkerDied();
    }
    return saved;
  }

  @Override
  public void recordResume(Lease lease, int epochs) {
    store.recordResume(lease, epochs);
  }

  /** What the dying worker throws in place of its death. */
  static final class WorkerDied extends RuntimeException {}
}
