package org.twice.scheduler.cli;

import java.util.concurrent.Callable;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code twice cancel ID}: stops an experiment; running tasks stop at their next heartbeat. */
@Command(name = "cancel", description = "Stop an experiment and its unfinished tasks.")
final class CancelCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "ID", description = "experiment id")
  long id;

  @Override
  public Integer call() {
    try (Database database = db.open(2)) {
      new Reports(database.jdbi()).requireExperiment(id);
      int cancelled = new Services(database).experiments().cancel(id);
      System.out.println("experiment " + id + " cancelled: " + cancelled + " tasks stopped");
    }
    return 0;
  }
}
