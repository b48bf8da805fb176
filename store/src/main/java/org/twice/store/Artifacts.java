package org.twice.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Artifacts of tasks (model weights, pictures) kept in the database, so a worker on any host needs
 * nothing but the database URL. Thread-safe.
 */
public final class Artifacts {
  private final Jdbi jdbi;
  private final Clock clock;

  public Artifacts(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Writes an artifact inside the caller's transaction. */
  public void put(Handle handle, long taskId, String name, String contentType, byte[] bytes) {
    handle
        .createUpdate(
            "INSERT INTO artifacts (task_id, name, content_type, size, sha256, bytes, created_at)"
                + " VALUES (:task, :name, :type, :size, :sha, :bytes, :now)"
                + " ON CONFLICT (task_id, name) DO UPDATE SET bytes = EXCLUDED.bytes,"
                + " size = EXCLUDED.size, sha256 = EXCLUDED.sha256")
        .bind("task", taskId)
        .bind("name", name)
        .bind("type", contentType)
        .bind("size", (long) bytes.length)
        .bind("sha", sha256(bytes))
        .bind("bytes", bytes)
        .bind("now", Times.utc(clock.instant()))
        .execute();
  }

  /** Reads an artifact, checking its bytes against the digest written with it. */
  public Optional<byte[]> get(long taskId, String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT bytes, sha256 FROM artifacts WHERE task_id = :task AND name = :name")
                .bind("task", taskId)
                .bind("name", name)
                .map((rs, ctx) -> verified(taskId, name, rs.getBytes(1), rs.getString(2)))
                .findOne());
  }

  private static byte[] verified(long taskId, String name, byte[] bytes, String expected) {
    if (!sha256(bytes).equals(expected)) {
      throw new StoreException(
          "artifact "
              + name
              + " of task "
              + taskId
              + " is corrupt (its SHA-256 differs from the one stored with it);"
              + " run `twice retry` on its experiment after resetting the task");
    }
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
