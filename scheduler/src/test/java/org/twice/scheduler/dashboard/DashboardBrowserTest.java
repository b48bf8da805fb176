package org.twice.scheduler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web dashboard in a real browser over a finished experiment: every page draws its charts,
 * tables and pictures from the same numbers the views hold. Screenshots go to target/screenshots.
 */
class DashboardBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static long experiment;
  private static DashboardServer server;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    experiment = FinishedExperiment.id();
    server = DashboardServer.start(jdbi(), new InetSocketAddress("127.0.0.1", 0));
    browser = Browser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void operationsPageCountsTheTasksByKindAndStateAndListsTheWorker() throws Exception {
    Map<String, Long> expected = new HashMap<>();
    rows("SELECT kind, tasks FROM experiment_task_states WHERE experiment_id = :e")
        .forEach(r -> expected.merge((String) r.get("kind"), (Long) r.get("tasks"), Long::sum));
    long tasks = expected.values().stream().mapToLong(Long::longValue).sum();

    browser.open(page("index.html"));
    JsonNode bars = chart("task-states");
    JsonNode overTime = chart("states-over-time");
    JsonNode timings = chart("timings-chart");
    String workers = text("#workers");
    String experiments = text("#experiments");
    browser.screenshot("operations");

    assertThat(barTotals(bars)).isEqualTo(expected);
    JsonNode succeeded = series(overTime, "succeeded").get("data");
    assertThat(succeeded.get(succeeded.size() - 1).get(1).asLong()).isEqualTo(tasks);
    assertThat(strings(timings.get("xAxis").get(0).get("data")))
        .containsExactly("train", "plane", "score");
    assertThat(workers).contains("dashboard-test-worker");
    assertThat(experiments).contains("dashboard").contains("succeeded");
  }

  @Test
  void reproducibilityPageShowsTheMatrixWithIntervalsAndTheArchitectureByOptimizerTable()
      throws Exception {
    List<Map<String, Object>> cells =
        rows(
            "SELECT first_group, second_group, agreement, agreement_low, agreement_high"
                + " FROM reproducibility_matrix WHERE experiment_id = :e");
    double paperAgreement =
        (Double)
            rows("SELECT agreement FROM reproducibility_table WHERE experiment_id = :e")
                .get(0)
                .get("agreement");

    browser.open(page("reproducibility.html"));
    JsonNode heatmap = chart("matrix").get("series").get(0).get("data");
    Object shownAgreement =
        browser.script(
            "return document.querySelector('td[data-architecture=mlp][data-optimizer=adam]')"
                + ".dataset.agreement");
    browser.screenshot("reproducibility");

    assertThat(heatmap).hasSize(cells.size()).hasSize(4);
    for (Map<String, Object> cell : cells) {
      JsonNode shown = heatmapCell(heatmap, cell);
      assertThat(shown.get("value").get(2).asDouble())
          .isCloseTo(100 * (Double) cell.get("agreement"), within(1e-9));
      assertThat(shown.get("low").asDouble())
          .isCloseTo(100 * (Double) cell.get("agreement_low"), within(1e-9));
      assertThat(shown.get("high").asDouble())
          .isCloseTo(100 * (Double) cell.get("agreement_high"), within(1e-9));
    }
    assertThat(Double.parseDouble((String) shownAgreement))
        .isCloseTo(paperAgreement, within(1e-12));
  }

  @Test
  void doubleDescentPageDrawsTestAndTrainErrorOverWidthWithAndWithoutLabelNoise() throws Exception {
    List<Map<String, Object>> points =
        rows(
            "SELECT label_noise, width, test_error, train_error FROM double_descent"
                + " WHERE experiment_id = :e");

    browser.open(page("double-descent.html"));
    JsonNode test = chart("test-error").get("series");
    JsonNode train = chart("train-error").get("series");
    browser.screenshot("double-descent");

    assertThat(test).hasSize(2);
    assertThat(points).hasSize(4);
    for (Map<String, Object> point : points) {
      String name = "mlp adam, label noise " + percent((Double) point.get("label_noise"));
      assertThat(valueAt(series(test, name), (Integer) point.get("width")))
          .isCloseTo(100 * (Double) point.get("test_error"), within(1e-9));
      assertThat(valueAt(series(train, name), (Integer) point.get("width")))
          .isCloseTo(100 * (Double) point.get("train_error"), within(1e-9));
    }
  }

  @Test
  void decisionRegionsPagePaintsEveryMapInItsClassColoursAndOpensALargeOneWithALegend()
      throws Exception {
    List<Map<String, Object>> maps =
        rows(
            "SELECT plane_task_id, triplet, resolution, classes FROM decision_maps"
                + " WHERE experiment_id = :e");
    Map<Integer, String> colours = new HashMap<>();
    rows("SELECT class, colour FROM dataset_classes WHERE dataset IN"
            + " (SELECT dataset FROM decision_maps WHERE experiment_id = :e)")
        .forEach(r -> colours.put((Integer) r.get("class"), (String) r.get("colour")));
    List<List<Object>> probes = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Map<String, Object> map : maps) {
      int r = (Integer) map.get("resolution");
      byte[] classes = (byte[]) map.get("classes");
      for (int[] point : new int[][] {{0, 0}, {r - 1, r - 1}, {r / 2, r / 3}, {3, r - 2}}) {
        probes.add(List.of(map.get("plane_task_id"), map.get("triplet"), point[0], point[1]));
        expected.add(colours.get((int) classes[point[0] * r + point[1]]));
      }
    }

    browser.open(page("regions.html"));
    Object pictures = browser.script("return document.querySelectorAll('figure canvas').length");
    List<String> painted = paintedColours(probes);
    browser.screenshot("decision-regions");
    browser.script("document.querySelector('figure').click()");
    browser.await("return document.getElementById('large').open");
    Object legend = browser.script("return document.getElementById('legend').innerText");
    browser.screenshot("decision-region-large");
    browser.script("document.getElementById('large').close()");

    assertThat(maps).hasSize(24);
    assertThat(((Number) pictures).intValue()).isEqualTo(maps.size());
    assertThat(painted).isEqualTo(expected);
    assertThat((String) legend).contains("0 T-shirt/top").contains("9 Ankle boot");
  }

  private static List<String> paintedColours(List<List<Object>> probes) {
    @SuppressWarnings("unchecked")
    List<String> painted =
        (List<String>)
            browser.script(
                "return arguments[0].map(([plane, triplet, i, j]) => {"
                    + " const c = document.querySelector("
                    + "   `canvas[data-plane=\"${plane}\"][data-triplet=\"${triplet}\"]`);"
                    + " const d = c.getContext('2d').getImageData(i, c.height - 1 - j, 1, 1).data;"
                    + " return '#' + [d[0], d[1], d[2]]"
                    + "   .map((x) => x.toString(16).padStart(2, '0')).join(''); })",
                probes);
    return painted;
  }

  private static JsonNode chart(String id) throws Exception {
    String option =
        (String)
            browser.script(
                "return JSON.stringify(echarts.getInstanceByDom("
                    + "document.getElementById(arguments[0])).getOption())",
                id);
    return JSON.readTree(option);
  }

  private static JsonNode series(JsonNode chart, String name) {
    for (JsonNode series : chart.has("series") ? chart.get("series") : chart) {
      if (series.get("name").asText().equals(name)) {
        return series;
      }
    }
    throw new AssertionError("no series " + name + " in " + chart);
  }

  private static double valueAt(JsonNode series, int width) {
    for (JsonNode point : series.get("data")) {
      if (point.get(0).asInt() == width) {
        return point.get(1).asDouble();
      }
    }
    throw new AssertionError("no point at width " + width + " in " + series);
  }

  private static JsonNode heatmapCell(JsonNode data, Map<String, Object> cell) {
    for (JsonNode shown : data) {
      if (shown.get("first").asText().equals(cell.get("first_group"))
          && shown.get("second").asText().equals(cell.get("second_group"))) {
        return shown;
      }
    }
    throw new AssertionError("no heatmap cell for " + cell);
  }

  private static Map<String, Long> barTotals(JsonNode chart) {
    List<String> kinds = strings(chart.get("xAxis").get(0).get("data"));
    Map<String, Long> totals = new HashMap<>();
    for (JsonNode series : chart.get("series")) {
      for (int i = 0; i < kinds.size(); i++) {
        long tasks = series.get("data").get(i).asLong();
        if (tasks > 0) {
          totals.merge(kinds.get(i), tasks, Long::sum);
        }
      }
    }
    return totals;
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(n -> strings.add(n.asText()));
    return strings;
  }

  private static String text(String selector) {
    return (String)
        browser.script("return document.querySelector(arguments[0]).innerText", selector);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String page(String name) {
    return server.url() + name + "?experiment=" + experiment;
  }

  private static List<Map<String, Object>> rows(String sql) {
    return jdbi().withHandle(h -> h.createQuery(sql).bind("e", experiment).mapToMap().list());
  }

  private static Jdbi jdbi() {
    return FinishedExperiment.jdbi();
  }
}
