package org.twice.scheduler.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.twice.scheduler.jobs.Scheduler;
import org.twice.scheduler.plan.Plan;
import org.twice.scheduler.plan.Planner;
import org.twice.scheduler.spec.Spec;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.Submission;
import org.twice.store.TaskKind;
import org.twice.worker.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twice run SPEC}: submits a spec and runs it here, with a scheduler and local workers, then
 * prints the results. Exits 0 only if every task succeeded.
 */
@Command(
    name = "run",
    description =
        "Submit a spec and run it to the end on this machine, showing progress, then print the"
            + " results. Exit status 0 only if every task succeeded.")
final class RunCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "SPEC", description = "the experiment spec (YAML)")
  Path spec;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "tasks run at once (default: one per core)")
  Integer workers;

  @Override
  public Integer call() throws InterruptedException {
    int slots = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    WorkerCommand.checkConcurrency(slots);
    Spec parsed = SpecParser.parse(spec);
    Plan plan = Planner.plan(parsed);
    Shutdown shutdown = Shutdown.install();
    try (Database database = db.open(slots + 6)) {
      Submission submission = SubmitCommand.submit(database, plan);
      System.err.println(SubmitCommand.describe(parsed, plan, submission));
      String state = runToEnd(database, submission.experimentId(), slots, shutdown);
      System.out.println();
      System.out.print(
          ResultsCommand.render(
              new Reports(database.jdbi()),
              submission.experimentId(),
              ResultsCommand.Format.table));
      System.out.println("experiment " + submission.experimentId() + " " + state);
      System.out.println(
          "open the dashboard: ./twice dashboard  (then http://127.0.0.1:"
              + DashboardCommand.DEFAULT_PORT
              + ")");
      return state.equals("succeeded") ? 0 : Twice.FAILED;
    } finally {
      shutdown.done();
    }
  }

  private static String runToEnd(Database database, long experiment, int slots, Shutdown shutdown)
      throws InterruptedException {
    Services services = new Services(database);
    ExperimentStore experiments = services.experiments();
    List<TaskKind> kinds = List.of(TaskKind.values());
    Progress progress =
        new Progress(database.jdbi(), experiment, System.err, System.console() != null);
    long started = System.nanoTime();
    try (Scheduler scheduler = services.scheduler();
        Worker worker = services.worker(kinds, slots, Duration.ofSeconds(5))) {
      scheduler.start();
      worker.start();
      String state = experiments.state(experiment).orElseThrow();
      while (state.equals("running") && !shutdown.isRequested()) {
        progress.show(Duration.ofNanos(System.nanoTime() - started));
        Thread.sleep(500);
        experiments.closeFinished();
        state = experiments.state(experiment).orElseThrow();
      }
      progress.show(Duration.ofNanos(System.nanoTime() - started));
      progress.finish();
      return state;
    }
  }
}
