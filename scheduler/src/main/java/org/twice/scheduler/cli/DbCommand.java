package org.twice.scheduler.cli;

import java.util.concurrent.Callable;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code twice db migrate}: applies the schema to a shared server. */
@Command(
    name = "db",
    description = "Database maintenance.",
    subcommands = {DbCommand.Migrate.class})
final class DbCommand {

  @Command(name = "migrate", description = "Apply pending migrations (schema, views, Quartz).")
  static final class Migrate implements Callable<Integer> {
    @Mixin DatabaseOptions db;

    @Override
    public Integer call() {
      try (Database database = Database.connect(db.settings(), 2)) {
        int applied = database.migrate();
        System.out.println(applied + " migrations applied to " + database.settings().describe());
      }
      return 0;
    }
  }
}
