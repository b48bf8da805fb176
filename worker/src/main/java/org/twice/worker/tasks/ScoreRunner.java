package org.twice.worker.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.Lease;
import org.twice.store.ResultWriter;
import org.twice.worker.TaskContext;
import org.twice.worker.TaskRunner;
import org.twice.worker.score.Interval;
import org.twice.worker.score.ModelMaps;
import org.twice.worker.score.PairScore;
import org.twice.worker.score.Reproducibility;
import org.twice.worker.tasks.ScoreParams.ScoredModel;

/**
 * Scores reproducibility: the agreement of every pair of models' maps, and the matrix of mean
 * agreement between groups of models, each with a 95% bootstrap interval over triplets.
 */
public final class ScoreRunner implements TaskRunner {
  private final Jdbi jdbi;

  public ScoreRunner(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public ResultWriter run(Lease lease, TaskContext context) {
    ScoreParams params = Json.read(lease.params(), ScoreParams.class);
    Map<String, Long> modelIds = new LinkedHashMap<>();
    Map<String, List<ModelMaps>> groups = new LinkedHashMap<>();
    List<ModelMaps> all = new ArrayList<>();
    for (ScoredModel model : params.models()) {
      ModelMaps maps = load(model);
      modelIds.put(model.model(), TaskKeys.succeededId(jdbi, model.model()));
      groups.computeIfAbsent(model.group(), g -> new ArrayList<>()).add(maps);
      all.add(maps);
    }
    context.progress(0.2);

    List<PairScore> pairs = Reproducibility.pairwise(all, params.resamples(), params.seed());
    List<GroupCell> cells = cells(groups, params);
    context.progress(0.9);

    return (handle, taskId) -> {
      ScoreRows.insertPairs(handle, taskId, pairs, modelIds, all.get(0).maps().size());
      ScoreRows.insertCells(handle, taskId, params.groupBy(), cells);
    };
  }

  private ModelMaps load(ScoredModel model) {
    long planeTask = TaskKeys.succeededId(jdbi, model.plane());
    List<byte[]> maps = jdbi.withHandle((Handle h) -> MapRows.read(h, planeTask));
    return new ModelMaps(model.model(), maps);
  }

  private static List<GroupCell> cells(Map<String, List<ModelMaps>> groups, ScoreParams params) {
    List<GroupCell> cells = new ArrayList<>();
    for (var first : groups.entrySet()) {
      for (var second : groups.entrySet()) {
        Interval mean =
            Reproducibility.groupMean(
                first.getValue(), second.getValue(), params.resamples(), params.seed());
        if (mean != null) {
          int pairs = pairCount(first.getValue(), second.getValue(), first == second);
          cells.add(new GroupCell(first.getKey(), second.getKey(), mean, pairs));
        }
      }
    }
    return cells;
  }

  private static int pairCount(List<ModelMaps> a, List<ModelMaps> b, boolean same) {
    return same ? a.size() * (a.size() - 1) / 2 : a.size() * b.size();
  }

  /** One cell of the reproducibility matrix. */
  record GroupCell(String first, String second, Interval agreement, int pairs) {}
}
