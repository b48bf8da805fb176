package org.twice.store;

import java.time.Instant;

/**
 * A task's stored checkpoint: the bytes of its training state after {@code epochs} epochs, written
 * by attempt {@code attempt}.
 *
 * @param progress how far training had come
 * @param sha256 the digest written with the bytes
 */
public record Checkpoint(
    long taskId,
    int attempt,
    CheckpointProgress progress,
    byte[] bytes,
    String sha256,
    Instant writtenAt) {
  /** Whether the bytes still match the digest written with them. */
  public boolean intact() {
    return Artifacts.sha256(bytes).equals(sha256);
  }
}
