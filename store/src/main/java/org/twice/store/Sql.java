package org.twice.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Named SQL statements, kept as files beside this class under {@code sql/}. Thread-safe. */
public final class Sql {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Sql() {}

  public static String named(String name) {
    return CACHE.computeIfAbsent(name, Sql::load);
  }

  private static String load(String name) {
    String path = "sql/" + name + ".sql";
    try (InputStream in = Sql.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no SQL statement " + path + " beside " + Sql.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
