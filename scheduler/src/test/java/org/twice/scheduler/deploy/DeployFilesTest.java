package org.twice.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.scheduler.deploy.DeployFiles.at;
import static org.twice.scheduler.deploy.DeployFiles.list;
import static org.twice.scheduler.deploy.DeployFiles.map;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployFilesTest {

  @Test
  void everyYamlFileUnderDeployParses() {
    List<Path> files = DeployFiles.yamlFiles();

    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    for (Path file : files) {
      assertThat(DeployFiles.documents(file)).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void grafanaReadsPostgresAsTheReadOnlyUserGivenByTheEnvironment() {
    Map<String, Object> source =
        map(
            list(at(
                    DeployFiles.document(
                        DeployFiles.file("grafana/provisioning/datasources/twice.yaml")),
                    "datasources"))
                .get(0));

    assertThat(source.get("type")).isEqualTo("grafana-postgresql-datasource");
    assertThat(source.get("user")).isEqualTo("${TWICE_READER_USER}");
    assertThat(at(source, "secureJsonData", "password")).isEqualTo("${TWICE_READER_PASSWORD}");
  }

  @Test
  void grafanaLoadsDashboardsFromTheMountedDirectory() {
    Map<String, Object> provider =
        map(
            list(at(
                    DeployFiles.document(
                        DeployFiles.file("grafana/provisioning/dashboards/twice.yaml")),
                    "providers"))
                .get(0));

    assertThat(provider.get("type")).isEqualTo("file");
    assertThat(at(provider, "options", "path")).isEqualTo("/var/lib/grafana/dashboards");
  }

  @Test
  void theDockerfileCopiesFilesThatExistInTheContextAndRunsTheLauncher() {
    List<String> lines = DeployFiles.read(DeployFiles.file("Dockerfile")).lines().toList();
    Path repository = DeployFiles.root().getParent();

    List<String> sources =
        lines.stream()
            .filter(l -> l.startsWith("COPY ") && !l.startsWith("COPY --from"))
            .map(l -> l.split("\\s+")[1])
            .toList();

    List<String> included =
        DeployFiles.read(DeployFiles.file("Dockerfile.dockerignore"))
            .lines()
            .filter(l -> l.startsWith("!"))
            .map(l -> l.substring(1))
            .toList();

    assertThat(sources).isNotEmpty().allMatch(s -> repository.resolve(s).toFile().exists());
    assertThat(sources)
        .allMatch(s -> included.stream().anyMatch(i -> s.equals(i) || s.startsWith(i + "/")));
    assertThat(lines).contains("ENTRYPOINT [\"" + DeployFiles.LAUNCHER + "\"]");
    assertThat(lines)
        .anyMatch(
            l -> l.contains("deploy/package.sh " + Path.of(DeployFiles.LAUNCHER).getParent()));
  }
}
