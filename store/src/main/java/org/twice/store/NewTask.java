package org.twice.store;

import java.util.List;

/**
 * A task as the planner describes it, before it is written: its content key, what it does, its
 * parameters as a JSON object, and the keys of the tasks whose results it reads.
 */
public record NewTask(
    String key, TaskKind kind, String label, String params, int maxAttempts, List<String> inputs) {

  public NewTask {
    inputs = List.copyOf(inputs);
  }
}
