package org.twice.scheduler.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.faults.KilledWorkersTest.count;

import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.twice.store.TestDatabase;

/** Several schedulers at once share the periodic work: each job runs once a period in all. */
class SchedulerClusterTest {
  private static final Path LOGS = Path.of("target", "fault-logs", "scheduler-cluster");
  private static final String RUNS =
      "SELECT coalesce(sum(runs), 0) FROM scheduler_jobs WHERE job = 'reclaim-leases'";

  @Test
  void twoSchedulersRunEachPeriodicJobOncePerPeriod() throws Exception {
    Jdbi jdbi = TestDatabase.clean().jdbi();
    String url = TestDatabase.settings().url().orElseThrow();

    long runsBefore;
    long runsAfter;
    double seconds;
    try (TwiceProcess first =
            TwiceProcess.start(LOGS, "first", "scheduler", "--db", url, "--period", "1");
        TwiceProcess second =
            TwiceProcess.start(LOGS, "second", "scheduler", "--db", url, "--period", "1")) {
      Waits.until(
          Duration.ofMinutes(1),
          "both schedulers to join the cluster",
          () -> count(jdbi, "SELECT count(*) FROM qrtz_scheduler_state") == 2);
      runsBefore = count(jdbi, RUNS);
      long start = System.nanoTime();
      Waits.until(
          Duration.ofMinutes(1), "ten periods of work", () -> count(jdbi, RUNS) >= runsBefore + 10);
      runsAfter = count(jdbi, RUNS);
      seconds = (System.nanoTime() - start) / 1e9;
      first.terminate();
      second.terminate();
    }

    // Unclustered, two schedulers would run the job about twice per second.
    assertThat(runsAfter - runsBefore).isLessThanOrEqualTo((long) Math.ceil(seconds) + 2);
  }
}
