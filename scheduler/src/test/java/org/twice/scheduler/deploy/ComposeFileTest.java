package org.twice.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.deploy.DeployFiles.at;
import static org.twice.scheduler.deploy.DeployFiles.graceSeconds;
import static org.twice.scheduler.deploy.DeployFiles.list;
import static org.twice.scheduler.deploy.DeployFiles.map;
import static org.twice.scheduler.deploy.DeployFiles.strings;
import static org.twice.scheduler.deploy.DeployFiles.twiceCommand;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComposeFileTest {
  private static final List<String> TWICE_SERVICES =
      List.of("migrate", "scheduler", "worker", "cpu-worker", "cli");

  private Map<String, Object> services;

  @BeforeEach
  void readCompose() {
    String text = DeployFiles.interpolate(DeployFiles.read(DeployFiles.file("compose.yaml")));
    services = map(at(DeployFiles.parseYaml(text), "services"));
  }

  @Test
  void itRunsPostgresTheSchemaTheSchedulerAWorkerAndGrafana() {
    assertThat(services)
        .containsKeys("postgres", "migrate", "scheduler", "worker", "grafana", "cli");
  }

  @Test
  void postgresKeepsItsDataInAVolumeAndReportsItsHealth() {
    Map<String, Object> postgres = service("postgres");

    assertThat(at(postgres, "image")).isEqualTo("postgres:16");
    assertThat(strings(at(postgres, "volumes")))
        .anyMatch(v -> v.endsWith(":/var/lib/postgresql/data"));
    assertThat(String.join(" ", strings(at(postgres, "healthcheck", "test"))))
        .contains("pg_isready");
  }

  @Test
  void everyTwiceServiceRunsTheTwiceImageWithARealCommand() {
    for (String name : TWICE_SERVICES) {
      Map<String, Object> service = service(name);
      List<String> command =
          service.containsKey("command") ? strings(service.get("command")) : List.of("help");

      assertThat(String.valueOf(at(service, "image"))).as(name).startsWith("twice");
      assertThat(at(service, "build", "dockerfile")).as(name).isEqualTo("deploy/Dockerfile");
      assertThat(twiceCommand(command)).as(name).isNotEmpty();
    }
  }

  @Test
  void theSchemaIsMigratedOnceBeforeTheServicesStart() {
    assertThat(twiceCommand(strings(at(service("migrate"), "command"))))
        .containsExactly("twice", "db", "migrate");
    assertThat(at(service("migrate"), "depends_on", "postgres", "condition"))
        .isEqualTo("service_healthy");
    for (String name : List.of("scheduler", "worker", "grafana")) {
      assertThat(at(service(name), "depends_on", "migrate", "condition"))
          .as(name)
          .isEqualTo("service_completed_successfully");
    }
  }

  @Test
  void theWorkerReservesAnNvidiaGpuAndBuildsWithCuda() {
    Map<String, Object> worker = service("worker");

    Map<String, Object> device =
        map(list(at(worker, "deploy", "resources", "reservations", "devices")).get(0));

    assertThat(device.get("driver")).isEqualTo("nvidia");
    assertThat(strings(device.get("capabilities"))).contains("gpu");
    assertThat(at(worker, "build", "args", "MAVEN_PROFILES")).isEqualTo("cuda");
  }

  @Test
  void workersMayFinishTheirTaskBeforeTheyAreKilled() {
    for (String name : List.of("worker", "cpu-worker")) {
      Map<String, Object> worker = service(name);
      long grace = graceSeconds(strings(at(worker, "command")));

      Duration stop = Duration.parse("PT" + at(worker, "stop_grace_period"));

      assertThat(stop.toSeconds()).as(name).isGreaterThan(grace);
    }
  }

  @Test
  void grafanaLoadsTheProvisioningAndTheDashboardsDirectory() {
    List<String> volumes = strings(at(service("grafana"), "volumes"));

    assertThat(volumes)
        .contains(
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "../dashboards:/var/lib/grafana/dashboards:ro");
    assertThat(strings(at(service("grafana"), "ports"))).allMatch(p -> p.startsWith("127.0.0.1:"));
  }

  private Map<String, Object> service(String name) {
    return map(at(services, name));
  }
}
