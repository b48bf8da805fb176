package org.twice.scheduler.cli;

import java.util.concurrent.Callable;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code twice retry ID}: failed tasks, and those they blocked, go back in the queue. */
@Command(name = "retry", description = "Queue an experiment's failed and blocked tasks again.")
final class RetryCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "ID", description = "experiment id")
  long id;

  @Override
  public Integer call() {
    try (Database database = db.open(2)) {
      new Reports(database.jdbi()).requireExperiment(id);
      int requeued = new Services(database).experiments().retry(id);
      System.out.println("experiment " + id + ": " + requeued + " tasks queued again");
    }
    return 0;
  }
}
