package org.twice.worker.tasks;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Reads and writes rows of the maps table. */
final class MapRows {
  private MapRows() {}

  static void insert(
      Handle handle,
      long taskId,
      long modelTask,
      PlaneParams params,
      List<byte[]> maps,
      List<PlaneRunner.MapScore> scores) {
    PreparedBatch batch =
        handle.prepareBatch(
            """
            INSERT INTO maps (task_id, model_task_id, triplet, anchors, resolution, classes,
              regions, margin)
            VALUES (:task, :model, :triplet, :anchors, :resolution, :classes, :regions, :margin)
            """);
    for (int i = 0; i < maps.size(); i++) {
      batch
          .bind("task", taskId)
          .bind("model", modelTask)
          .bind("triplet", i)
          .bind("anchors", params.triplets().get(i).toArray(Integer[]::new))
          .bind("resolution", params.resolution())
          .bind("classes", maps.get(i))
          .bind("regions", scores.get(i).regions())
          .bind("margin", nullIfNaN(scores.get(i).margin()))
          .add();
    }
    batch.execute();
  }

  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }

  static List<byte[]> read(Handle handle, long planeTask) {
    return handle
        .createQuery("SELECT classes FROM maps WHERE task_id = :task ORDER BY triplet")
        .bind("task", planeTask)
        .mapTo(byte[].class)
        .list();
  }
}
