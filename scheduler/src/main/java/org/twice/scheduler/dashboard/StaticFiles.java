package org.twice.scheduler.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Serves the pages, scripts and styles under {@code web/} beside this class, and the charting
 * library (Apache ECharts) from its jar on the class path: nothing is loaded from elsewhere, so the
 * dashboard works offline. Thread-safe.
 */
final class StaticFiles implements HttpHandler {
  /** Where pages load the charting library and its license from. */
  static final String CHARTS = "/vendor/echarts.min.js";

  static final String CHARTS_LICENSE = "/vendor/echarts-LICENSE.txt";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "txt", "text/plain; charset=utf-8");

  private final Map<String, String> vendored;

  StaticFiles() {
    Properties versions = load("dashboard.properties");
    String echarts =
        "META-INF/resources/_static/echarts/" + versions.getProperty("echarts.version");
    this.vendored =
        Map.of(CHARTS, echarts + "/dist/echarts.min.js", CHARTS_LICENSE, echarts + "/LICENSE");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (Responses.refuseChanges(exchange)) {
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Optional<byte[]> body = read(resource(path.equals("/") ? "/index.html" : path));
      if (body.isEmpty()) {
        Responses.send(exchange, 404, TYPES.get("txt"), Responses.utf8("no page " + path));
        return;
      }
      Responses.send(exchange, 200, type(path), body.get());
    }
  }

  /** The class-path resource behind a path, or none for a path that leaves {@code web/}. */
  private String resource(String path) {
    if (vendored.containsKey(path)) {
      return vendored.get(path);
    }
    if (!path.matches("/[a-z0-9-]+\\.(html|js|css)")) {
      return null;
    }
    return "org/twice/scheduler/dashboard/web" + path;
  }

  private static Optional<byte[]> read(String resource) throws IOException {
    if (resource == null) {
      return Optional.empty();
    }
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    }
  }

  private static String type(String path) {
    if (path.equals("/")) {
      return TYPES.get("html");
    }
    return TYPES.getOrDefault(path.substring(path.lastIndexOf('.') + 1), TYPES.get("txt"));
  }

  private static Properties load(String name) {
    Properties properties = new Properties();
    try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no " + name + " beside " + StaticFiles.class);
      }
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
