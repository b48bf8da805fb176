package org.twice.scheduler.jobs;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** Counts each periodic job's runs by this scheduler instance in scheduler_jobs. Thread-safe. */
final class JobRuns {
  private final Jdbi jdbi;
  private final String instance;

  JobRuns(Jdbi jdbi, String instance) {
    this.jdbi = jdbi;
    this.instance = instance;
  }

  void record(String job) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO scheduler_jobs (job, instance, runs, last_run)
                    VALUES (:job, :instance, 1, :now)
                    ON CONFLICT (job, instance)
                    DO UPDATE SET runs = scheduler_jobs.runs + 1, last_run = EXCLUDED.last_run
                    """)
                .bind("job", job)
                .bind("instance", instance)
                .bind("now", Instant.now().atOffset(ZoneOffset.UTC))
                .execute());
  }
}
