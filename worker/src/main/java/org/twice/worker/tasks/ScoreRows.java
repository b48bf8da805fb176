package org.twice.worker.tasks;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.twice.worker.score.PairScore;
import org.twice.worker.tasks.ScoreRunner.GroupCell;

/** Writes the rows of the pair_scores and group_scores tables. */
final class ScoreRows {
  private ScoreRows() {}

  static void insertPairs(
      Handle handle, long taskId, List<PairScore> pairs, Map<String, Long> modelIds, int triplets) {
    PreparedBatch batch =
        handle.prepareBatch(
            """
            INSERT INTO pair_scores (task_id, first_model_id, second_model_id, agreement,
              agreement_low, agreement_high, triplets)
            VALUES (:task, :first, :second, :mean, :low, :high, :triplets)
            """);
    for (PairScore pair : pairs) {
      batch
          .bind("task", taskId)
          .bind("first", modelIds.get(pair.firstKey()))
          .bind("second", modelIds.get(pair.secondKey()))
          .bind("mean", pair.agreement().mean())
          .bind("low", pair.agreement().low())
          .bind("high", pair.agreement().high())
          .bind("triplets", triplets)
          .add();
    }
    if (!pairs.isEmpty()) {
      batch.execute();
    }
  }

  static void insertCells(Handle handle, long taskId, String groupBy, List<GroupCell> cells) {
    PreparedBatch batch =
        handle.prepareBatch(
            """
            INSERT INTO group_scores (task_id, group_by, first_group, second_group, agreement,
              agreement_low, agreement_high, pairs)
            VALUES (:task, :groupBy, :first, :second, :mean, :low, :high, :pairs)
            """);
    for (GroupCell cell : cells) {
      batch
          .bind("task", taskId)
          .bind("groupBy", groupBy)
          .bind("first", cell.first())
          .bind("second", cell.second())
          .bind("mean", cell.agreement().mean())
          .bind("low", cell.agreement().low())
          .bind("high", cell.agreement().high())
          .bind("pairs", cell.pairs())
          .add();
    }
    if (!cells.isEmpty()) {
      batch.execute();
    }
  }
}
