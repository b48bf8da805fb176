package org.twice.scheduler.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Shows an experiment's progress: tasks done of total per kind, as a bar redrawn in place on a
 * terminal, and as a plain line whenever the counts change otherwise.
 */
final class Progress {
  private static final int BAR = 30;

  private final Jdbi jdbi;
  private final long experiment;
  private final PrintStream out;
  private final boolean terminal;
  private String last = "";

  Progress(Jdbi jdbi, long experiment, PrintStream out, boolean terminal) {
    this.jdbi = jdbi;
    this.experiment = experiment;
    this.out = out;
    this.terminal = terminal;
  }

  void show(Duration elapsed) {
    Map<String, int[]> counts = counts();
    String line = describe(counts);
    if (terminal) {
      out.print("\r" + bar(counts) + " " + line + " " + clock(elapsed) + "   ");
      out.flush();
    } else if (!line.equals(last)) {
      out.println(clock(elapsed) + " " + line);
    }
    last = line;
  }

  void finish() {
    if (terminal) {
      out.println();
    }
  }

  /** Per kind: tasks finished (in any final state) and in all. */
  private Map<String, int[]> counts() {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String kind : List.of("train", "distill", "plane", "score")) {
      counts.put(kind, new int[2]);
    }
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT kind, state, tasks FROM experiment_task_states"
                        + " WHERE experiment_id = :e")
                .bind("e", experiment)
                .map(
                    (rs, ctx) -> {
                      int[] c = counts.get(rs.getString("kind"));
                      int n = rs.getInt("tasks");
                      c[1] += n;
                      boolean done =
                          List.of("succeeded", "failed", "blocked", "cancelled")
                              .contains(rs.getString("state"));
                      c[0] += done ? n : 0;
                      return null;
                    })
                .list());
    counts.values().removeIf(c -> c[1] == 0);
    return counts;
  }

  private static String describe(Map<String, int[]> counts) {
    StringBuilder line = new StringBuilder();
    counts.forEach(
        (kind, c) ->
            line.append(kind).append(' ').append(c[0]).append('/').append(c[1]).append("  "));
    return line.toString().trim();
  }

  private static String bar(Map<String, int[]> counts) {
    int done = counts.values().stream().mapToInt(c -> c[0]).sum();
    int total = Math.max(1, counts.values().stream().mapToInt(c -> c[1]).sum());
    int filled = BAR * done / total;
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
  }

  private static String clock(Duration elapsed) {
    return "%dm%02ds".formatted(elapsed.toMinutes(), elapsed.toSecondsPart());
  }
}
