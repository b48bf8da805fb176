package org.twice.scheduler.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;

/**
 * The built-in web dashboard: pages under {@code /}, the rows of the dashboard views as JSON under
 * {@code /api/}. Runs on the JDK's HTTP server with a few threads of its own until closed; the
 * caller owns the database behind the {@link Jdbi}. Thread-safe.
 */
public final class DashboardServer implements AutoCloseable {
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;

  private DashboardServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on an address; port 0 takes a free one.
   *
   * @throws UncheckedIOException when the address cannot be bound, e.g. the port is taken
   */
  public static DashboardServer start(Jdbi jdbi, InetSocketAddress address) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, DashboardServer::thread);
    server.setExecutor(executor);
    server.createContext(Api.PREFIX, new Api(jdbi));
    server.createContext("/", new StaticFiles());
    server.start();
    return new DashboardServer(server, executor);
  }

  /** The address to open in a browser. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + address.getPort() + "/";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static Thread thread(Runnable work) {
    Thread thread = new Thread(work, "dashboard");
    thread.setDaemon(true);
    return thread;
  }
}
