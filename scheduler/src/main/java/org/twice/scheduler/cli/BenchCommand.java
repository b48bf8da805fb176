package org.twice.scheduler.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.twice.scheduler.bench.QueueBench;
import org.twice.scheduler.bench.Workloads;
import org.twice.scheduler.bench.Workloads.Workload;
import org.twice.store.Database;
import org.twice.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twice bench}: times the reference workloads through the project's own code, then the
 * quickstart end to end and the task queue, each on a fresh embedded database in a temporary home.
 * One JSON line per workload on standard output.
 */
@Command(
    name = "bench",
    description =
        "Time training and plane maps of the reference networks, the quickstart end to end and"
            + " the task queue; one JSON line each (compare with scripts/bench.sh).")
final class BenchCommand implements Callable<Integer> {
  static final String QUICKSTART = "quickstart";
  static final String QUEUE = "queue";

  @Option(names = "--quick", description = "a fifth of the steps and planes, fewer queue tasks")
  boolean quick;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "NAME",
      description = "run only these workloads, e.g. train/mlp256,queue (default: all)")
  List<String> only;

  @Option(
      names = "--quickstart-spec",
      paramLabel = "SPEC",
      defaultValue = "examples/quickstart.yaml",
      description = "the spec run end to end (default: ${DEFAULT-VALUE})")
  Path quickstartSpec;

  @Option(
      names = "--queue-workers",
      paramLabel = "N",
      defaultValue = "8",
      description = "concurrent workers draining the queue (default: ${DEFAULT-VALUE})")
  int queueWorkers;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "null");
    for (Workload workload : Workloads.all(quick)) {
      if (selected(workload.name())) {
        out.println(Workloads.measure(workload).json(threads));
      }
    }
    if (selected(QUICKSTART)) {
      out.println(Workloads.measure(QUICKSTART, "s", this::quickstartSeconds).json(threads));
    }
    if (selected(QUEUE)) {
      out.println(Workloads.measure(QUEUE, "tasks/s", this::queueRate).json(threads));
    }
    return 0;
  }

  private boolean selected(String name) {
    return only == null || only.contains(name);
  }

  /** Runs the spec with {@code twice run} in this process, its report sent to standard error. */
  private double quickstartSeconds() {
    Path home = temporaryHome();
    PrintStream out = System.out;
    long start = System.nanoTime();
    try {
      System.setOut(System.err);
      int status =
          Twice.commandLine().execute("run", "--home", home.toString(), quickstartSpec.toString());
      if (status != 0) {
        throw new IllegalStateException("the quickstart ended with exit status " + status);
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      System.setOut(out);
      delete(home);
    }
  }

  private double queueRate() {
    Path home = temporaryHome();
    try (Database database = Database.open(DatabaseSettings.embedded(home), queueWorkers + 2)) {
      return QueueBench.tasksPerSecond(
          database, queueWorkers, quick ? 1000 : 10000, quick ? Duration.ZERO : QueueBench.WARM_UP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the queue", e);
    } finally {
      delete(home);
    }
  }

  private static Path temporaryHome() {
    try {
      return Files.createTempDirectory("twice-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary home for the bench", e);
    }
  }

  private static void delete(Path home) {
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("twice bench: could not delete " + home + ": " + e.getMessage());
    }
  }
}
