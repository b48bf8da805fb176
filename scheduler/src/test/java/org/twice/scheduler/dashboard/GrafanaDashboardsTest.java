package org.twice.scheduler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every panel of the Grafana dashboards in dashboards/ runs its SQL against the migrated schema
 * holding a finished experiment, as Grafana would after putting in its variables, and returns the
 * columns the panel names.
 */
class GrafanaDashboardsTest {
  private static final Path DASHBOARDS = Path.of("..", "dashboards");
  private static final String DATASOURCE = "twice-postgres";

  /** Panels that are empty for an experiment whose every task succeeded at the first attempt. */
  private static final Set<String> EMPTY_WHEN_ALL_WENT_WELL =
      Set.of("Running tasks", "Failed and blocked tasks", "Failed attempts");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static long experiment;

  @BeforeAll
  static void finishAnExperiment() throws Exception {
    experiment = FinishedExperiment.id();
  }

  @Test
  void everyPanelReadsTheColumnsItNamesFromTheViews() throws Exception {
    List<Path> files = dashboards();
    List<String> checked = new ArrayList<>();

    for (Path file : files) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      FinishedExperiment.jdbi().useHandle(h -> checkPanels(h, file, dashboard, checked));
    }

    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "operations.json",
            "reproducibility.json",
            "double-descent.json",
            "decision-regions.json");
    assertThat(checked).hasSizeGreaterThan(20);
  }

  @Test
  void everyPanelAndVariableUsesTheTwicePostgresDataSource() throws Exception {
    List<String> sources = new ArrayList<>();

    for (Path file : dashboards()) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      dashboard.get("templating").get("list").forEach(v -> sources.add(uid(v)));
      for (JsonNode panel : dashboard.get("panels")) {
        sources.add(uid(panel));
        panel.get("targets").forEach(t -> sources.add(uid(t)));
      }
    }

    assertThat(sources).isNotEmpty().containsOnly(DATASOURCE);
  }

  private static void checkPanels(
      Handle handle, Path file, JsonNode dashboard, List<String> checked) throws SQLException {
    Map<String, String> variables = variables(handle, dashboard);
    for (JsonNode panel : dashboard.get("panels")) {
      String title = file.getFileName() + " / " + panel.get("title").asText();
      for (JsonNode target : panel.get("targets")) {
        Result result = run(handle, substitute(target.get("rawSql").asText(), variables));
        assertThat(result.columns()).as(title).containsAll(expectedColumns(panel, target));
        if (!EMPTY_WHEN_ALL_WENT_WELL.contains(panel.get("title").asText())) {
          assertThat(result.rows()).as(title + " rows").isPositive();
        }
        checked.add(title);
      }
    }
  }

  /**
   * The variables' values as Grafana would put them in: the finished experiment, and for the others
   * the first value their own query offers; a multi-value variable as a quoted list.
   */
  private static Map<String, String> variables(Handle handle, JsonNode dashboard)
      throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode variable : dashboard.get("templating").get("list")) {
      String name = variable.get("name").asText();
      String query = substitute(variable.get("query").asText(), values);
      String first = firstValue(handle, query);
      String value = name.equals("experiment") ? String.valueOf(experiment) : first;
      assertThat(first).as("variable " + name + " offers a value").isNotNull();
      boolean multi = variable.path("multi").asBoolean(false);
      values.put(name, multi ? "'" + value.replace("'", "''") + "'" : value);
    }
    return values;
  }

  private static String substitute(String sql, Map<String, String> variables) {
    String result = sql.replaceAll("\\$__timeFilter\\([^)]*\\)", "TRUE");
    List<String> names = new ArrayList<>(variables.keySet());
    names.sort(Comparator.comparingInt(String::length).reversed());
    for (String name : names) {
      String value = variables.get(name);
      result = result.replace("${" + name + "}", value).replace("$" + name, value);
    }
    assertThat(result).as("every variable of %s is known", sql).doesNotContain("$");
    return result;
  }

  /** The columns a panel reads: those its transformations, options and overrides name. */
  private static Set<String> expectedColumns(JsonNode panel, JsonNode target) {
    Set<String> columns = new LinkedHashSet<>();
    boolean reshaped = false;
    for (JsonNode transformation : panel.path("transformations")) {
      JsonNode options = transformation.get("options");
      Stream.of("rowField", "columnField", "valueField")
          .filter(options::has)
          .forEach(f -> columns.add(options.get(f).asText()));
      reshaped = true;
    }
    if (panel.path("options").has("xField")) {
      columns.add(panel.get("options").get("xField").asText());
    }
    if (!reshaped) {
      for (JsonNode override : panel.get("fieldConfig").path("overrides")) {
        if (override.get("matcher").get("id").asText().equals("byName")) {
          columns.add(override.get("matcher").get("options").asText());
        }
      }
    }
    if (target.path("format").asText().equals("time_series")) {
      columns.add("time");
    }
    return columns;
  }

  private static String firstValue(Handle handle, String sql) throws SQLException {
    try (Statement statement = handle.getConnection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      if (!rows.next()) {
        return null;
      }
      List<String> columns = columns(rows.getMetaData());
      return rows.getString(columns.contains("__value") ? "__value" : columns.get(0));
    }
  }

  private static Result run(Handle handle, String sql) throws SQLException {
    try (Statement statement = handle.getConnection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return new Result(columns(rows.getMetaData()), count);
    }
  }

  private static List<String> columns(ResultSetMetaData meta) throws SQLException {
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    return columns;
  }

  private static String uid(JsonNode node) {
    return node.path("datasource").path("uid").asText();
  }

  private static List<Path> dashboards() throws Exception {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private record Result(List<String> columns, int rows) {}
}
