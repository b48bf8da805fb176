package org.twice.scheduler.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /api/NAME?param=value} with the rows of the named {@link NamedQuery} as a JSON
 * array of objects. Times are milliseconds since the epoch, bytes are base64. Thread-safe.
 */
final class Api implements HttpHandler {
  static final String PREFIX = "/api/";

  private static final Logger log = LoggerFactory.getLogger(Api.class);
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final Jdbi jdbi;

  Api(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (Responses.refuseChanges(exchange)) {
        return;
      }
      String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
      try {
        byte[] body = answer(name, parameters(exchange.getRequestURI().getRawQuery()));
        Responses.send(exchange, 200, "application/json", body);
      } catch (BadRequestException e) {
        Responses.send(exchange, 400, "text/plain", Responses.utf8(e.getMessage()));
      } catch (RuntimeException e) {
        log.warn("dashboard query failed query={} error={}", name, e.toString(), e);
        Responses.send(exchange, 500, "text/plain", Responses.utf8("query " + name + " failed"));
      }
    }
  }

  /** The rows of a named query as JSON. */
  byte[] answer(String name, Map<String, String> given) {
    NamedQuery query =
        NamedQuery.byName(name)
            .orElseThrow(() -> new BadRequestException("no query '" + name + "'"));
    List<Map<String, Object>> rows =
        jdbi.withHandle(h -> bind(h.createQuery(query.sql()), query, given).mapToMap().list());
    try {
      return MAPPER.writeValueAsBytes(rows.stream().map(Api::plain).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the rows of query " + name + " as JSON", e);
    }
  }

  private static Query bind(Query statement, NamedQuery query, Map<String, String> given) {
    for (NamedQuery.Parameter parameter : query.parameters()) {
      String text = given.get(parameter.parameterName());
      if (text == null || text.isBlank()) {
        throw new BadRequestException(
            "query " + query.queryName() + " needs ?" + parameter.parameterName() + "=...");
      }
      statement.bind(parameter.parameterName(), parameter.parse(text));
    }
    return statement;
  }

  /** A row with database arrays turned into plain ones, which JSON can hold. */
  private static Map<String, Object> plain(Map<String, Object> row) {
    Map<String, Object> plain = new LinkedHashMap<>();
    row.forEach((column, value) -> plain.put(column, plainValue(value)));
    return plain;
  }

  private static Object plainValue(Object value) {
    if (!(value instanceof Array array)) {
      return value;
    }
    try {
      return array.getArray();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read an array column", e);
    }
  }

  static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
