package org.twice.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server whose data lives in a local directory. Several twice commands on
 * one machine share it: the first starts it, the others attach to it, and whichever closes last
 * stops it. Not thread-safe; each process holds one.
 */
public final class EmbeddedServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
  private static final String USER = "postgres";

  private final Path dataDirectory;
  private final int port;
  private final EmbeddedPostgres started;

  private EmbeddedServer(Path dataDirectory, int port, EmbeddedPostgres started) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.started = started;
  }

  /** Attaches to the server running on {@code home}'s data, or starts one. */
  public static EmbeddedServer open(Path home) {
    Path dataDirectory = home.toAbsolutePath().resolve("postgres");
    try {
      Files.createDirectories(home);
      try (FileChannel channel = openLock(home);
          FileLock lock = channel.lock()) {
        Optional<Integer> running = runningPort(dataDirectory);
        if (running.isPresent()) {
          log.debug("embedded database attached dir={} port={}", dataDirectory, running.get());
          return new EmbeddedServer(dataDirectory, running.get(), null);
        }
        return start(dataDirectory);
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot start the embedded PostgreSQL in "
              + dataDirectory
              + ": "
              + e.getMessage()
              + "; check that the directory is writable, or pass --db JDBC_URL",
          e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=" + USER;
  }

  public int port() {
    return port;
  }

  /** Stops the server unless another process still uses it. */
  @Override
  public void close() {
    try {
      if (hasOtherClients()) {
        log.info("embedded database left running for other clients port={}", port);
        return;
      }
      stop();
    } catch (SQLException | IOException e) {
      log.warn("embedded database could not be stopped cleanly port={}: {}", port, e.toString());
    }
  }

  private static FileChannel openLock(Path home) throws IOException {
    return FileChannel.open(
        home.resolve("postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static EmbeddedServer start(Path dataDirectory) throws IOException {
    int port = freePort();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPort(port)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "on")
            // The library's default is off, which may lose the last commits on a crash of the
            // server or the machine: a completion the worker was told of would vanish and the task
            // run again, counted as a failure. docs/performance.md, Levers, gives the reasoning.
            .setServerConfig("synchronous_commit", "on")
            // Autovacuum looks for work every second instead of every minute, so the queue's
            // dead index entries are gone soon after they pass the table's threshold (V14).
            .setServerConfig("autovacuum_naptime", "1s")
            .start();
    log.info("embedded database started dir={} port={}", dataDirectory, port);
    return new EmbeddedServer(dataDirectory, port, postgres);
  }

  /** The port of a live server on this data directory, read from its postmaster.pid. */
  private static Optional<Integer> runningPort(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 4) {
      return Optional.empty();
    }
    long pid = Long.parseLong(lines.get(0).trim());
    int port = Integer.parseInt(lines.get(3).trim());
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return alive && accepts(port) ? Optional.of(port) : Optional.empty();
  }

  private static boolean accepts(int port) {
    String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=" + USER;
    try (Connection ignored = DriverManager.getConnection(url)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private boolean hasOtherClients() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
      rows.next();
      return rows.getLong(1) > 0;
    }
  }

  private void stop() throws IOException {
    if (started != null) {
      started.close();
      log.info("embedded database stopped port={}", port);
      return;
    }
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    // SIGTERM is PostgreSQL's smart shutdown: it waits for any client that connects meanwhile.
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    log.info("embedded database stopping port={} pid={}", port, pid);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
