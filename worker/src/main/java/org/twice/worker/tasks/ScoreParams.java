package org.twice.worker.tasks;

import java.util.List;

/**
 * The parameters of a score task: the models to compare, each with the plane task holding its maps
 * and the group it belongs to in the reproducibility matrix.
 */
public record ScoreParams(List<ScoredModel> models, String groupBy, int resamples, long seed) {

  /** One model: its train task's key, its plane task's key and its group label. */
  public record ScoredModel(String model, String plane, String group) {}
}
