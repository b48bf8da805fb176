package org.twice.scheduler.cli;

import java.util.concurrent.Callable;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code twice status [ID]}: the experiments, then one experiment's tasks in detail. */
@Command(
    name = "status",
    description =
        "Show experiments; for one (default: the latest) its task counts by kind and state,"
            + " running tasks and failures.")
final class StatusCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "experiment id")
  Long id;

  @Override
  public Integer call() {
    try (Database database = db.open(2)) {
      Reports reports = new Reports(database.jdbi());
      Table experiments = reports.experiments();
      System.out.println(experiments.text());
      if (experiments.rows().isEmpty()) {
        return 0;
      }
      long experiment = ExperimentId.resolve(id, database, new Services(database).experiments());
      System.out.println("experiment " + experiment);
      printIfAny(reports.taskCounts(experiment));
      printIfAny(reports.running(experiment));
      printIfAny(reports.retrying(experiment));
      printIfAny(reports.failures(experiment));
    }
    return 0;
  }

  private static void printIfAny(Table table) {
    if (!table.rows().isEmpty()) {
      System.out.println(table.text());
    }
  }
}
