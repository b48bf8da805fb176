package org.twice.scheduler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.twice.scheduler.plan.Plan;
import org.twice.scheduler.plan.Planner;
import org.twice.scheduler.spec.Spec;
import org.twice.scheduler.spec.SpecParser;
import org.twice.store.Database;
import org.twice.store.Submission;
import org.twice.store.TaskKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code twice submit SPEC}: validates a spec, writes its task graph, prints the experiment id. */
@Command(name = "submit", description = "Validate a spec and queue its tasks; prints the id.")
final class SubmitCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "SPEC", description = "the experiment spec (YAML)")
  Path spec;

  @Override
  public Integer call() {
    Spec parsed = SpecParser.parse(spec);
    Plan plan = Planner.plan(parsed);
    try (Database database = db.open(4)) {
      Submission submission = submit(database, plan);
      System.out.println(submission.experimentId());
      System.err.println(describe(parsed, plan, submission));
    }
    return 0;
  }

  static Submission submit(Database database, Plan plan) {
    return new Services(database).experiments().submit(plan.experiment(), plan.tasks());
  }

  static String describe(Spec spec, Plan plan, Submission submission) {
    long distill = plan.count(TaskKind.DISTILL);
    return "experiment %d (%s) submitted: %d tasks (%d train, %s%d plane, %d score);"
            .formatted(
                submission.experimentId(),
                spec.name(),
                submission.tasks(),
                plan.count(TaskKind.TRAIN),
                distill == 0 ? "" : distill + " distill, ",
                plan.count(TaskKind.PLANE),
                plan.count(TaskKind.SCORE))
        + " %d new, %d reused from earlier experiments, %d queued again"
            .formatted(submission.created(), submission.reused(), submission.requeued());
  }
}
