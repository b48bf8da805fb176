package org.twice.scheduler.plan;

import java.util.List;
import org.twice.store.NewExperiment;
import org.twice.store.NewTask;
import org.twice.store.TaskKind;

/** An experiment and its task graph, inputs before the tasks that read them, ready to write. */
public record Plan(NewExperiment experiment, List<NewTask> tasks) {
  public Plan {
    tasks = List.copyOf(tasks);
  }

  public long count(TaskKind kind) {
    return tasks.stream().filter(t -> t.kind() == kind).count();
  }
}
