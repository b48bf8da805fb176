package org.twice.worker.tasks;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.StoreException;

/** Looks up the tasks a task reads, by their keys. */
final class TaskKeys {
  private TaskKeys() {}

  static long succeededId(Jdbi jdbi, String key) {
    Optional<Long> id =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT id FROM tasks WHERE key = :key AND state = 'succeeded'")
                    .bind("key", key)
                    .mapTo(Long.class)
                    .findOne());
    return id.orElseThrow(
        () -> new StoreException("input task " + key + " has not succeeded; cannot run yet"));
  }
}
