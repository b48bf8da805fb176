package org.twice.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The form of {@code twice bench}'s output; its figures are the machine's, never checked here. */
class BenchCommandTest {
  private static final String LINE =
      "\\{\"workload\": \"%s\", \"unit\": \"%s\", \"value\": \\d+\\.\\d{2}, \"peer\": \"twice\","
          + " \"threads\": [^,]+, \"heap_peak_mb\": [-\\d.]+, \"rss_peak_mb\": [-\\d.]+,"
          + " \"workspaces_mb\": [-\\d.]+\\}";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalOut;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
  }

  @Test
  void quickBenchPrintsOneJsonLinePerChosenWorkload() {
    int status =
        Twice.commandLine()
            .execute("bench", "--quick", "--only", "train/mlp256,plane/mlp256,queue");

    // Tests log to standard output too; the command's own lines are the JSON ones.
    List<String> lines =
        out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
    assertThat(status).isZero();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches(LINE.formatted("train/mlp256", "img/s"));
    assertThat(lines.get(1)).matches(LINE.formatted("plane/mlp256", "planes/s"));
    assertThat(lines.get(2)).matches(LINE.formatted("queue", "tasks/s"));
  }
}
