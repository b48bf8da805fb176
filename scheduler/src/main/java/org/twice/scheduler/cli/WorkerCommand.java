package org.twice.scheduler.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twice.store.Database;
import org.twice.store.TaskKind;
import org.twice.worker.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code twice worker}: claims and runs tasks until stopped. */
@Command(
    name = "worker",
    description =
        "Run a worker: claims ready tasks, runs them and records results. SIGTERM lets running"
            + " tasks finish within --grace, then hands the rest back.")
final class WorkerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Mixin DatabaseOptions db;

  @Option(
      names = "--kinds",
      split = ",",
      paramLabel = "KIND",
      description = "kinds of task to take: train, distill, plane, score (default: all)")
  List<String> kinds;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "tasks at once (default: 1)",
      defaultValue = "1")
  int concurrency;

  @Option(
      names = "--grace",
      paramLabel = "SECONDS",
      description = "on SIGTERM, how long running tasks may finish (default: ${DEFAULT-VALUE})",
      defaultValue = "30")
  long graceSeconds;

  @Option(
      names = "--lease",
      paramLabel = "SECONDS",
      description =
          "how long a claimed task stays this worker's without a heartbeat; a dead worker's task"
              + " is taken over after this (default: ${DEFAULT-VALUE})",
      defaultValue = "60")
  long leaseSeconds;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "SECONDS",
      description =
          "a train or distill task saves a checkpoint at the end of an epoch once this much"
              + " training time has passed since its last one, never after its last epoch; 0 saves"
              + " after every epoch"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = "300")
  long checkpointSeconds;

  @Override
  public Integer call() throws InterruptedException {
    List<TaskKind> taken = parseKinds(kinds);
    checkConcurrency(concurrency);
    checkSeconds("--lease", leaseSeconds, 3, 3600);
    checkSeconds("--grace", graceSeconds, 0, 86_400);
    checkSeconds("--checkpoint-every", checkpointSeconds, 0, 86_400);
    Shutdown shutdown = Shutdown.install();
    try (Database database = db.open(concurrency + 4)) {
      log.info("worker connecting db={}", database.settings().describe());
      Worker worker =
          new Services(database)
              .worker(
                  taken,
                  concurrency,
                  Duration.ofSeconds(graceSeconds),
                  Duration.ofSeconds(leaseSeconds),
                  Duration.ofSeconds(checkpointSeconds));
      worker.start();
      shutdown.await();
      worker.close();
    } finally {
      shutdown.done();
    }
    return 0;
  }

  static List<TaskKind> parseKinds(List<String> words) {
    if (words == null || words.isEmpty()) {
      return List.of(TaskKind.values());
    }
    List<TaskKind> kinds = new ArrayList<>();
    for (String word : words) {
      TaskKind kind =
          TaskKind.byWord(word.trim())
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--kinds: unknown kind '"
                              + word
                              + "'; allowed: train, distill, plane, score"));
      kinds.add(kind);
    }
    return kinds;
  }

  static void checkSeconds(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new UsageException(
          "%s must be from %d to %d seconds, not %d".formatted(option, min, max, value));
    }
  }

  static void checkConcurrency(int concurrency) {
    if (concurrency < 1 || concurrency > 256) {
      throw new UsageException("--concurrency must be from 1 to 256, not " + concurrency);
    }
  }
}
