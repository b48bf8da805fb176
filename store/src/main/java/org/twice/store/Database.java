package org.twice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection pool on twice's database, embedded or shared, with the schema migrated. Thread-safe;
 * the caller closes it, which also stops an embedded server nobody else uses.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DatabaseSettings settings;
  private final EmbeddedServer embedded;
  private final String url;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private Database(DatabaseSettings settings, EmbeddedServer embedded, String url, int poolSize) {
    this.settings = settings;
    this.embedded = embedded;
    this.url = url;
    this.pool = pool(settings, url, poolSize);
    this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
  }

  /** Opens the database and applies any pending migration. */
  public static Database open(DatabaseSettings settings, int poolSize) {
    Database database = connect(settings, poolSize);
    try {
      database.migrate();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Opens the database without touching its schema. */
  public static Database connect(DatabaseSettings settings, int poolSize) {
    if (settings.isEmbedded()) {
      EmbeddedServer server = EmbeddedServer.open(settings.home());
      try {
        return new Database(settings, server, server.jdbcUrl(), poolSize);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    return new Database(settings, null, settings.url().orElseThrow(), poolSize);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return pool;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /** A connection of its own, outside the pool, for LISTEN; the caller closes it. */
  public Connection openDedicatedConnection() throws SQLException {
    return DriverManager.getConnection(url, credentials());
  }

  /** Applies the migrations in migrations/ that this database has not seen yet. */
  public int migrate() {
    int applied =
        Flyway.configure()
            .dataSource(pool)
            .locations("classpath:db/migration")
            .load()
            .migrate()
            .migrationsExecuted;
    if (applied > 0) {
      log.info("database migrated migrations={} db={}", applied, settings.describe());
    }
    return applied;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  private Properties credentials() {
    Properties properties = new Properties();
    if (!settings.user().isEmpty()) {
      properties.setProperty("user", settings.user());
    }
    if (!settings.password().isEmpty()) {
      properties.setProperty("password", settings.password());
    }
    return properties;
  }

  private static HikariDataSource pool(DatabaseSettings settings, String url, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
    }
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName("twice");
    // Fail over to reconnecting rather than to dying when the server restarts.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(30_000);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot connect to "
              + settings.describe()
              + ": "
              + Secrets.scrub(e.getMessage(), settings.password()),
          e);
    }
  }
}
