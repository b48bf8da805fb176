package org.twice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

  private final DatabaseSettings settings;
  private final EmbeddedServer embedded;
  private final String url;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private Database(
      DatabaseSettings settings,
      EmbeddedServer embedded,
      String url,
      int poolSize,
      Duration connectionTimeout) {
    this.settings = settings;
    this.embedded = embedded;
    this.url = url;
    this.pool = pool(settings, url, poolSize, connectionTimeout);
    this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
  }

  /** Opens the database and applies any pending migration. */
  public static Database open(DatabaseSettings settings, int poolSize) {
    return open(settings, poolSize, CONNECTION_TIMEOUT);
  }

  /** As {@link #open(DatabaseSettings, int)}, waiting at most that long for a connection. */
  static Database open(DatabaseSettings settings, int poolSize, Duration connectionTimeout) {
    Database database = connect(settings, poolSize, connectionTimeout);
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
    return connect(settings, poolSize, CONNECTION_TIMEOUT);
  }

  private static Database connect(
      DatabaseSettings settings, int poolSize, Duration connectionTimeout) {
    if (settings.isEmbedded()) {
      EmbeddedServer server = EmbeddedServer.open(settings.home());
      try {
        return new Database(settings, server, server.jdbcUrl(), poolSize, connectionTimeout);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    String url = settings.url().orElseThrow();
    return new Database(settings, null, url, poolSize, connectionTimeout);
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
    try {
      return DriverManager.getConnection(url, credentials());
    } catch (SQLException e) {
      List<String> secrets = secrets(settings, url);
      throw new SQLException(
          Secrets.mask(e.getMessage(), secrets),
          e.getSQLState(),
          Secrets.maskThrowable(e.getCause(), secrets));
    }
  }

  /**
   * Applies the migrations in migrations/ that this database has not seen yet.
   *
   * @throws StoreException when the server cannot be reached or a migration fails, with any
   *     credentials masked in its message and causes
   */
  public int migrate() {
    int applied;
    try {
      applied =
          Flyway.configure()
              .dataSource(pool)
              .locations("classpath:db/migration")
              .load()
              .migrate()
              .migrationsExecuted;
    } catch (RuntimeException e) {
      throw masked(
          "cannot migrate",
          "that the server is up and the user may create tables",
          settings,
          url,
          e);
    }
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

  private static HikariDataSource pool(
      DatabaseSettings settings, String url, int poolSize, Duration connectionTimeout) {
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
    config.setConnectionTimeout(connectionTimeout.toMillis());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw masked(
          "cannot connect to",
          "that the server is up and the URL, user and password are right",
          settings,
          url,
          e);
    }
  }

  private static StoreException masked(
      String failure, String check, DatabaseSettings settings, String url, RuntimeException error) {
    List<String> secrets = secrets(settings, url);
    return new StoreException(
        failure
            + " "
            + settings.describe()
            + ": "
            + Secrets.mask(error.getMessage(), secrets)
            + "; check "
            + check,
        Secrets.maskThrowable(error, secrets));
  }

  private static List<String> secrets(DatabaseSettings settings, String url) {
    List<String> secrets = new ArrayList<>(Secrets.passwordsIn(url));
    if (!settings.password().isEmpty()) {
      secrets.add(settings.password());
    }
    return secrets;
  }
}
