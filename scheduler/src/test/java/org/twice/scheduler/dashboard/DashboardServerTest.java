package org.twice.scheduler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the dashboard's server answers, over HTTP. */
class DashboardServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static long experiment;
  private static DashboardServer server;

  @BeforeAll
  static void start() throws Exception {
    experiment = FinishedExperiment.id();
    server =
        DashboardServer.start(FinishedExperiment.jdbi(), new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aMapComesBackWithItsPointsAsTheDatabaseHoldsThem() throws Exception {
    Map<String, Object> stored =
        FinishedExperiment.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT plane_task_id, triplet, classes FROM decision_maps"
                                + " WHERE experiment_id = :e ORDER BY plane_task_id, triplet"
                                + " LIMIT 1")
                        .bind("e", experiment)
                        .mapToMap()
                        .one());

    HttpResponse<String> response =
        get("/api/map?plane=" + stored.get("plane_task_id") + "&triplet=" + stored.get("triplet"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode rows = new ObjectMapper().readTree(response.body());
    assertThat(rows).hasSize(1);
    assertThat(Base64.getDecoder().decode(rows.get(0).get("classes").asText()))
        .isEqualTo((byte[]) stored.get("classes"));
  }

  @Test
  void aQueryMissingItsParameterIsRefusedNamingIt() throws Exception {
    HttpResponse<String> response = get("/api/double_descent");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("?experiment=");
  }

  @Test
  void aParameterThatIsNotANumberIsRefusedInsteadOfReachingTheDatabase() throws Exception {
    HttpResponse<String> response = get("/api/double_descent?experiment=1%20OR%201=1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("whole number");
  }

  @Test
  void anUnknownQueryIsRefused() throws Exception {
    HttpResponse<String> response = get("/api/pg_shadow");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("no query 'pg_shadow'");
  }

  @Test
  void onlyPagesUnderTheDashboardAreServedAndTheChartingLibraryComesFromTheJar() throws Exception {
    HttpResponse<String> outside = get("/%2e%2e/%2e%2e/pom.xml");
    HttpResponse<String> charts = get(StaticFiles.CHARTS);
    HttpResponse<String> license = get(StaticFiles.CHARTS_LICENSE);
    HttpResponse<String> index = get("/");

    assertThat(outside.statusCode()).isEqualTo(404);
    assertThat(charts.statusCode()).isEqualTo(200);
    assertThat(charts.headers().firstValue("Content-Type"))
        .contains("text/javascript; charset=utf-8");
    assertThat(charts.body()).contains("echarts");
    assertThat(license.body()).contains("Apache License");
    assertThat(index.body()).contains("<script src=\"vendor/echarts.min.js\"></script>");
  }

  @Test
  void requestsThatWouldChangeSomethingAreRefused() throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(server.url() + "api/experiments"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    HttpResponse<String> response = CLIENT.send(post, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
