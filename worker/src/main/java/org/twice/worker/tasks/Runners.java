package org.twice.worker.tasks;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.twice.store.Artifacts;
import org.twice.store.Checkpoints;
import org.twice.store.Database;
import org.twice.store.TaskKind;
import org.twice.worker.TaskRunner;

/** The runner of each kind of task, sharing one dataset cache. */
public final class Runners {
  private Runners() {}

  public static Map<TaskKind, TaskRunner> standard(Database database, Clock clock) {
    return standard(database, clock, TrainCheckpoints.DEFAULT_EVERY);
  }

  /**
   * The runners, with train and distill tasks saving a checkpoint at most once per the given
   * interval.
   */
  public static Map<TaskKind, TaskRunner> standard(
      Database database, Clock clock, Duration checkpointEvery) {
    Artifacts artifacts = new Artifacts(database.jdbi(), clock);
    DatasetCache datasets = new DatasetCache();
    TrainCheckpoints checkpoints =
        new TrainCheckpoints(new Checkpoints(database.jdbi(), clock), clock, checkpointEvery);
    return Map.of(
        TaskKind.TRAIN, new TrainRunner(artifacts, datasets, checkpoints),
        TaskKind.DISTILL, new DistillRunner(database.jdbi(), artifacts, datasets, checkpoints),
        TaskKind.PLANE, new PlaneRunner(database.jdbi(), artifacts, datasets),
        TaskKind.SCORE, new ScoreRunner(database.jdbi()));
  }
}
