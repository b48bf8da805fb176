package org.twice.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitsTest {
  private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
  private static final String SCHEDULER = "twice-scheduler.service";
  private static final String WORKER = "twice-worker@.service";
  private static final String ENVIRONMENT_FILE = "/etc/twice/twice.env";

  @TempDir Path temp;

  @Test
  void systemdAcceptsTheUnits() throws Exception {
    assumeTrue(
        Files.isExecutable(SYSTEMD_ANALYZE),
        "systemd-analyze is not installed here, so the units are checked by reading only");
    Path scheduler = installed(SCHEDULER);
    Path worker = installed(WORKER);
    Path instance = Files.createSymbolicLink(temp.resolve("twice-worker@0.service"), worker);

    Verification result = verify(scheduler, instance);

    assertThat(result.output()).as("systemd-analyze verify said").doesNotContain("twice");
    assertThat(result.exitCode()).as("systemd-analyze verify:%n%s", result.output()).isZero();
  }

  @Test
  void bothServicesRestartAndReadTheDatabaseFromTheEnvironmentFile() {
    for (String name : List.of(SCHEDULER, WORKER)) {
      List<String> lines = unit(name);

      assertThat(lines)
          .as(name)
          .contains("Restart=always", "KillSignal=SIGTERM", "EnvironmentFile=" + ENVIRONMENT_FILE);
      assertThat(DeployFiles.twiceCommand(execStartArguments(lines))).as(name).hasSize(2);
    }
  }

  @Test
  void aWorkerInstanceOwnsTheGpuItIsNamedFor() {
    List<String> lines = unit(WORKER);

    List<String> command = DeployFiles.twiceCommand(execStartArguments(lines));

    assertThat(command).containsExactly("twice", "worker");
    assertThat(lines).contains("Environment=CUDA_VISIBLE_DEVICES=%i");
  }

  @Test
  void systemdWaitsLongerThanTheWorkerGrace() {
    List<String> lines = unit(WORKER);

    long grace = DeployFiles.graceSeconds(execStartArguments(lines));
    long timeout = Long.parseLong(value(lines, "TimeoutStopSec"));

    assertThat(timeout).isGreaterThan(grace);
  }

  private static List<String> unit(String name) {
    return DeployFiles.read(DeployFiles.file("systemd/" + name)).lines().toList();
  }

  private static String value(List<String> lines, String key) {
    return lines.stream()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in the unit"));
  }

  private static List<String> execStartArguments(List<String> lines) {
    List<String> words = Arrays.asList(value(lines, "ExecStart").split("\\s+"));
    assertThat(words.get(0)).isEqualTo(DeployFiles.LAUNCHER);
    return words.subList(1, words.size());
  }

  /** A copy of the unit whose launcher and environment file exist in the temporary directory. */
  private Path installed(String name) throws IOException {
    Path launcher = stub(temp.resolve("twice"));
    Path environment = Files.writeString(temp.resolve("twice.env"), "TWICE_DB_URL=x\n");
    String text =
        DeployFiles.read(DeployFiles.file("systemd/" + name))
            .replace(DeployFiles.LAUNCHER, launcher.toString())
            .replace(ENVIRONMENT_FILE, environment.toString());
    return Files.writeString(temp.resolve(name), text);
  }

  private static Path stub(Path path) throws IOException {
    if (!Files.exists(path)) {
      Files.writeString(path, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return path;
  }

  private static Verification verify(Path... units) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(SYSTEMD_ANALYZE.toString(), "verify", "--man=no"));
    for (Path unit : units) {
      command.add(unit.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("systemd-analyze finished").isTrue();
    return new Verification(process.exitValue(), output);
  }

  private record Verification(int exitCode, String output) {}
}
