package org.twice.scheduler.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twice.scheduler.jobs.Scheduler;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code twice scheduler}: runs the periodic work until stopped. */
@Command(
    name = "scheduler",
    description =
        "Run the scheduler: reclaims expired leases and closes finished experiments."
            + " Run one or more; they share the work through Quartz clustering.")
final class SchedulerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(SchedulerCommand.class);

  @Mixin DatabaseOptions db;

  @Option(
      names = "--period",
      paramLabel = "SECONDS",
      description = "how often the periodic jobs run (default: ${DEFAULT-VALUE})",
      defaultValue = "5")
  long periodSeconds;

  @Override
  public Integer call() throws InterruptedException {
    WorkerCommand.checkSeconds("--period", periodSeconds, 1, 3600);
    Duration period = Duration.ofSeconds(periodSeconds);
    Shutdown shutdown = Shutdown.install();
    try (Database database = db.open(4);
        Scheduler scheduler = new Services(database).scheduler(period)) {
      log.info(
          "scheduler starting db={} period={}s lease={}s",
          database.settings().describe(),
          period.toSeconds(),
          Services.LEASE.toSeconds());
      scheduler.start();
      shutdown.await();
    } finally {
      shutdown.done();
    }
    return 0;
  }
}
