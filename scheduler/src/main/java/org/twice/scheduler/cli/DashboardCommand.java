package org.twice.scheduler.cli;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twice.scheduler.dashboard.DashboardServer;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code twice dashboard}: serves the built-in web dashboard until stopped. */
@Command(
    name = "dashboard",
    description =
        "Serve the web dashboard: experiments and tasks, reproducibility, double descent and"
            + " decision regions, read from the database. Pages refresh while experiments run.")
final class DashboardCommand implements Callable<Integer> {
  /** The port the dashboard listens on unless told otherwise. */
  static final int DEFAULT_PORT = 8080;

  private static final Logger log = LoggerFactory.getLogger(DashboardCommand.class);

  @Mixin DatabaseOptions db;

  @Option(
      names = "--port",
      defaultValue = "" + DEFAULT_PORT,
      description = "port to listen on (default ${DEFAULT-VALUE}; 0 takes a free one)")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "address to listen on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every"
              + " interface: anyone who reaches it reads every experiment)")
  String bind;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535, not " + port);
    }
    Shutdown shutdown = Shutdown.install();
    try (Database database = db.open(4);
        DashboardServer server = start(database)) {
      log.info("dashboard serving url={} db={}", server.url(), database.settings().describe());
      System.err.println("twice: dashboard at " + server.url() + "  (Ctrl-C stops it)");
      shutdown.await();
    } finally {
      shutdown.done();
    }
    return 0;
  }

  private DashboardServer start(Database database) {
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new UsageException("--bind " + bind + " is not an address of this machine");
    }
    try {
      return DashboardServer.start(database.jdbi(), address);
    } catch (UncheckedIOException e) {
      throw new UsageException(
          "cannot serve the dashboard on "
              + bind
              + ":"
              + port
              + " ("
              + e.getCause().getMessage()
              + "); choose another with --port");
    }
  }
}
