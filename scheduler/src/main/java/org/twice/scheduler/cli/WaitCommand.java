package org.twice.scheduler.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twice wait ID}: blocks until the experiment ends; exits 0 only if it succeeded. */
@Command(
    name = "wait",
    description = "Block until an experiment ends; exit 0 only if every task succeeded.")
final class WaitCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "ID", description = "experiment id")
  long id;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "give up after this long (exit 3); default: wait forever")
  Long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    try (Database database = db.open(2)) {
      new Reports(database.jdbi()).requireExperiment(id);
      ExperimentStore experiments = new Services(database).experiments();
      Instant deadline =
          timeoutSeconds == null ? Instant.MAX : Instant.now().plusSeconds(timeoutSeconds);
      String state = experiments.state(id).orElseThrow();
      while (state.equals("running")) {
        if (Instant.now().isAfter(deadline)) {
          System.err.println("experiment " + id + " still running after " + timeoutSeconds + "s");
          return 3;
        }
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        state = experiments.state(id).orElseThrow();
      }
      System.out.println("experiment " + id + " " + state);
      return state.equals("succeeded") ? 0 : Twice.FAILED;
    }
  }
}
