package org.twice.scheduler.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The questions the dashboard's pages ask, each a named SQL statement over the views in
 * migrations/, kept beside this class under {@code sql/}, with the parameters it binds. Pages reach
 * them at {@code /api/NAME}.
 */
enum NamedQuery {
  EXPERIMENTS("experiments"),
  TASK_STATES("task_states", Parameter.EXPERIMENT),
  TASK_STATES_OVER_TIME("task_states_over_time", Parameter.EXPERIMENT),
  RUNNING_TASKS("running_tasks", Parameter.EXPERIMENT),
  FAILURES("failures", Parameter.EXPERIMENT),
  FAILED_ATTEMPTS("failed_attempts", Parameter.EXPERIMENT),
  WORKERS("workers"),
  KIND_TIMINGS("kind_timings", Parameter.EXPERIMENT),
  REPRODUCIBILITY_MATRIX("reproducibility_matrix", Parameter.EXPERIMENT),
  REPRODUCIBILITY_PAIRS("reproducibility_pairs", Parameter.EXPERIMENT),
  REPRODUCIBILITY_TABLE("reproducibility_table", Parameter.EXPERIMENT),
  DOUBLE_DESCENT("double_descent", Parameter.EXPERIMENT),
  MAPS("maps", Parameter.EXPERIMENT),
  MAP("map", Parameter.PLANE, Parameter.TRIPLET),
  CLASSES("classes", Parameter.DATASET);

  private final String name;
  private final List<Parameter> parameters;
  private final String sql;

  NamedQuery(String name, Parameter... parameters) {
    this.name = name;
    this.parameters = List.of(parameters);
    this.sql = load(name);
  }

  String queryName() {
    return name;
  }

  List<Parameter> parameters() {
    return parameters;
  }

  String sql() {
    return sql;
  }

  static Optional<NamedQuery> byName(String name) {
    return Arrays.stream(values()).filter(q -> q.name.equals(name)).findFirst();
  }

  private static String load(String name) {
    String path = "sql/" + name + ".sql";
    try (InputStream in = NamedQuery.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no SQL statement " + path + " beside " + NamedQuery.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parameter a query binds: its name in the URL and in the SQL, and whether it is a number. */
  enum Parameter {
    EXPERIMENT("experiment", true),
    PLANE("plane", true),
    TRIPLET("triplet", true),
    DATASET("dataset", false);

    private final String name;
    private final boolean number;

    Parameter(String name, boolean number) {
      this.name = name;
      this.number = number;
    }

    String parameterName() {
      return name;
    }

    /** The value to bind, read from the URL's text. */
    Object parse(String text) {
      if (!number) {
        return text;
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new BadRequestException(name + " must be a whole number, not '" + text + "'");
      }
    }
  }
}
