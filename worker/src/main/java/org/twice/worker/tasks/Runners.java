package org.twice.worker.tasks;

import java.time.Clock;
import java.util.Map;
import org.twice.store.Artifacts;
import org.twice.store.Database;
import org.twice.store.TaskKind;
import org.twice.worker.TaskRunner;

/** The runner of each kind of task, sharing one dataset cache. */
public final class Runners {
  private Runners() {}

  public static Map<TaskKind, TaskRunner> standard(Database database, Clock clock) {
    Artifacts artifacts = new Artifacts(database.jdbi(), clock);
    DatasetCache datasets = new DatasetCache();
    return Map.of(
        TaskKind.TRAIN, new TrainRunner(artifacts, datasets),
        TaskKind.DISTILL, new DistillRunner(database.jdbi(), artifacts, datasets),
        TaskKind.PLANE, new PlaneRunner(database.jdbi(), artifacts, datasets),
        TaskKind.SCORE, new ScoreRunner(database.jdbi()));
  }
}
