package org.twice.scheduler.cli;

import java.util.concurrent.Callable;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code twice workers}: every worker with its host, last heartbeat and current tasks. */
@Command(name = "workers", description = "List workers: host, last heartbeat, current tasks.")
final class WorkersCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Override
  public Integer call() {
    try (Database database = db.open(2)) {
      System.out.println(new Reports(database.jdbi()).workers().text());
    }
    return 0;
  }
}
