package org.twice.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.deploy.DeployFiles.at;
import static org.twice.scheduler.deploy.DeployFiles.graceSeconds;
import static org.twice.scheduler.deploy.DeployFiles.list;
import static org.twice.scheduler.deploy.DeployFiles.map;
import static org.twice.scheduler.deploy.DeployFiles.strings;
import static org.twice.scheduler.deploy.DeployFiles.twiceCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {
  private List<Map<String, Object>> objects;

  @BeforeEach
  void readManifests() {
    objects = new ArrayList<>();
    for (Path file : DeployFiles.yamlFiles()) {
      if (file.getParent().endsWith("k8s") && !file.endsWith("kustomization.yaml")) {
        objects.addAll(DeployFiles.documents(file));
      }
    }
  }

  @Test
  void everyObjectLivesInTheTwiceNamespace() {
    for (Map<String, Object> object : objects) {
      String kind = String.valueOf(at(object, "kind"));
      String name = String.valueOf(at(object, "metadata", "name"));

      if (kind.equals("Namespace")) {
        assertThat(name).isEqualTo("twice");
      } else {
        assertThat(at(object, "metadata", "namespace")).as(kind + " " + name).isEqualTo("twice");
      }
    }
  }

  @Test
  void theKustomizationListsEveryManifest() {
    List<String> resources =
        strings(at(DeployFiles.document(DeployFiles.file("k8s/kustomization.yaml")), "resources"));

    List<String> manifests =
        DeployFiles.yamlFiles().stream()
            .filter(f -> f.getParent().endsWith("k8s"))
            .map(f -> f.getFileName().toString())
            .filter(n -> !n.equals("kustomization.yaml"))
            .toList();

    assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
  }

  @Test
  void theDatabaseSecretHoldsTheUrlUserAndPassword() {
    Map<String, Object> data = map(at(object("Secret", "twice-db"), "stringData"));

    assertThat(data).containsKeys("TWICE_DB_URL", "TWICE_DB_USER", "TWICE_DB_PASSWORD");
  }

  @Test
  void theGpuWorkerRequestsOneGpuAndOutlastsItsGrace() {
    Map<String, Object> pod = podSpec(object("Deployment", "twice-worker"));
    Map<String, Object> container = map(list(at(pod, "containers")).get(0));

    long grace = graceSeconds(strings(at(container, "args")));

    assertThat(at(container, "resources", "limits", "nvidia.com/gpu")).isEqualTo(1);
    assertThat(at(container, "resources", "requests", "nvidia.com/gpu")).isEqualTo(1);
    assertThat(((Number) at(pod, "terminationGracePeriodSeconds")).longValue())
        .isGreaterThan(grace);
  }

  @Test
  void theSchedulerRunsReplicatedAndTheMigrationAsAJob() {
    Map<String, Object> scheduler = object("Deployment", "twice-scheduler");
    Map<String, Object> job = object("Job", "twice-migrate");

    assertThat((Integer) at(scheduler, "spec", "replicas")).isGreaterThanOrEqualTo(1);
    assertThat(twiceCommand(strings(at(twiceContainer(job), "args"))))
        .containsExactly("twice", "db", "migrate");
    assertThat(twiceCommand(strings(at(twiceContainer(scheduler), "args"))))
        .containsExactly("twice", "scheduler");
  }

  @Test
  void everyTwiceContainerRunsARealCommandWithTheDatabaseSecret() {
    List<Map<String, Object>> workloads =
        List.of(
            object("Job", "twice-migrate"),
            object("Deployment", "twice-scheduler"),
            object("Deployment", "twice-worker"));

    for (Map<String, Object> workload : workloads) {
      String name = String.valueOf(at(workload, "metadata", "name"));
      Map<String, Object> container = twiceContainer(workload);

      assertThat(strings(at(container, "command"))).containsExactly(DeployFiles.LAUNCHER);
      assertThat(twiceCommand(strings(at(container, "args")))).as(name).hasSizeGreaterThan(1);
      assertThat(at(map(list(at(container, "envFrom")).get(0)), "secretRef", "name"))
          .isEqualTo("twice-db");
    }
  }

  @Test
  void grafanaIsProvisionedWithTheSameFilesAsCompose() {
    Map<String, Object> datasources = object("ConfigMap", "twice-grafana-datasources");
    Map<String, Object> providers = object("ConfigMap", "twice-grafana-dashboard-providers");

    assertThat(DeployFiles.parseYaml(String.valueOf(at(datasources, "data", "twice.yaml"))))
        .isEqualTo(DeployFiles.document(provisioning("datasources")));
    assertThat(DeployFiles.parseYaml(String.valueOf(at(providers, "data", "twice.yaml"))))
        .isEqualTo(DeployFiles.document(provisioning("dashboards")));
    assertThat(String.valueOf(podSpec(object("Deployment", "twice-grafana"))))
        .contains("twice-grafana-datasources", "twice-grafana-dashboard-providers");
  }

  private static Path provisioning(String kind) {
    return DeployFiles.file("grafana/provisioning/" + kind + "/twice.yaml");
  }

  private Map<String, Object> object(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(at(o, "kind")) && name.equals(at(o, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
  }

  private static Map<String, Object> podSpec(Map<String, Object> workload) {
    return map(at(workload, "spec", "template", "spec"));
  }

  private static Map<String, Object> twiceContainer(Map<String, Object> workload) {
    return map(list(at(podSpec(workload), "containers")).get(0));
  }
}
