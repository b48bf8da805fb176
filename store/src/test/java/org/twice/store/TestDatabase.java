package org.twice.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A real PostgreSQL for tests: one embedded server per JVM with the real migrations, emptied before
 * each test that asks for it. Thread-safe.
 */
public final class TestDatabase {
  private static Database database;

  private TestDatabase() {}

  /** The migrated database with every twice table emptied. */
  public static synchronized Database clean() {
    Database db = shared();
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "TRUNCATE experiments, tasks, task_edges, experiment_tasks, workers, attempts,"
                        + " artifacts, models, maps, pair_scores, group_scores, scheduler_jobs CASCADE"));
    return db;
  }

  public static synchronized Database shared() {
    if (database == null) {
      database = start();
    }
    return database;
  }

  public static Jdbi jdbi() {
    return shared().jdbi();
  }

  /** Settings that point another process at the shared test database. */
  public static DatabaseSettings settings() {
    return shared().settings();
  }

  private static Database start() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
      String url = postgres.getJdbcUrl("postgres", "postgres");
      DatabaseSettings settings =
          new DatabaseSettings(Optional.of(url), "postgres", "", java.nio.file.Path.of("."));
      return Database.open(settings, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
