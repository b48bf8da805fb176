package org.twice.scheduler.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.twice.store.Database;
import org.twice.store.DatabaseSettings;
import picocli.CommandLine.Option;

/** The options every command takes to find the database. */
final class DatabaseOptions {
  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      defaultValue = "${env:TWICE_DB_URL}",
      description =
          "PostgreSQL to use, e.g. jdbc:postgresql://db:5432/twice (env TWICE_DB_URL);"
              + " without it, the embedded database under --home")
  String url;

  @Option(
      names = "--db-user",
      defaultValue = "${env:TWICE_DB_USER}",
      description = "database user (env TWICE_DB_USER)")
  String user;

  @Option(
      names = "--db-password",
      defaultValue = "${env:TWICE_DB_PASSWORD}",
      description = "database password (env TWICE_DB_PASSWORD; prefer the variable)")
  String password;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      defaultValue = "${env:TWICE_HOME:-.twice}",
      description = "where the embedded database keeps its data (env TWICE_HOME; default .twice)")
  Path home;

  DatabaseSettings settings() {
    Optional<String> jdbcUrl = Optional.ofNullable(url).filter(u -> !u.isBlank());
    jdbcUrl.ifPresent(DatabaseOptions::checkUrl);
    return new DatabaseSettings(jdbcUrl, user, password, home);
  }

  Database open(int poolSize) {
    return Database.open(settings(), poolSize);
  }

  private static void checkUrl(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new UsageException(
          "--db must be a PostgreSQL JDBC URL starting with jdbc:postgresql:, such as"
              + " jdbc:postgresql://localhost:5432/twice");
    }
  }
}
