package org.twice.worker.tasks;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.Artifacts;
import org.twice.store.Lease;
import org.twice.store.ResultWriter;
import org.twice.worker.TaskContext;
import org.twice.worker.TaskRunner;
import org.twice.worker.nn.NativeMemory;
import org.twice.worker.plane.ArrayPool;
import org.twice.worker.plane.Plane;
import org.twice.worker.plane.PlaneEvaluator;
import org.twice.worker.score.Fragmentation;

/**
 * Maps one model's decision regions on the plane through each of the experiment's triplets, and
 * scores each map: its fragmentation, the model's margins between the anchors, and a picture.
 */
public final class PlaneRunner implements TaskRunner {
  private static final int PLANES_PER_BATCH = 4;

  private final Jdbi jdbi;
  private final Artifacts artifacts;
  private final DatasetCache datasets;

  public PlaneRunner(Jdbi jdbi, Artifacts artifacts, DatasetCache datasets) {
    this.jdbi = jdbi;
    this.artifacts = artifacts;
    this.datasets = datasets;
  }

  @Override
  public ResultWriter run(Lease lease, TaskContext context) {
    PlaneParams params = Json.read(lease.params(), PlaneParams.class);
    Anchors anchors = new Anchors(datasets.get(params.data()), params);
    long modelTask = TaskKeys.succeededId(jdbi, params.model());
    ComputationGraph net = StoredModels.load(artifacts, modelTask);

    List<Plane> planes = anchors.planes();
    List<byte[]> maps = new ArrayList<>(planes.size());
    try (ArrayPool pool = new ArrayPool()) {
      for (int from = 0; from < planes.size(); from += PLANES_PER_BATCH) {
        List<Plane> batch = planes.subList(from, Math.min(planes.size(), from + PLANES_PER_BATCH));
        maps.addAll(
            PlaneEvaluator.maps(
                net, batch, anchors.channels(), anchors.height(), anchors.width(), pool));
        NativeMemory.reclaim();
        context.progress(0.6 * maps.size() / planes.size());
      }
    }
    List<MapScore> scores = score(net, anchors, planes, maps, context);

    return (handle, taskId) -> {
      MapRows.insert(handle, taskId, modelTask, params, maps, scores);
      for (int i = 0; i < scores.size() && params.pictures(); i++) {
        artifacts.put(handle, taskId, picture(i), "image/png", scores.get(i).picture());
      }
    };
  }

  /** The artifact name of the picture of triplet i. */
  public static String picture(int triplet) {
    return "map-%03d.png".formatted(triplet);
  }

  private static List<MapScore> score(
      ComputationGraph net,
      Anchors anchors,
      List<Plane> planes,
      List<byte[]> maps,
      TaskContext context) {
    List<MapScore> scores = new ArrayList<>(maps.size());
    for (int i = 0; i < maps.size(); i++) {
      Plane plane = planes.get(i);
      byte[] map = maps.get(i);
      int regions = Fragmentation.regions(map, plane.resolution());
      double margin = anchors.meanMargin(i, points -> PlaneEvaluator.classify(net, points));
      byte[] picture = anchors.picture(i, plane, map);
      scores.add(new MapScore(regions, margin, picture));
      NativeMemory.reclaim();
      context.progress(0.6 + 0.4 * (i + 1) / maps.size());
    }
    return scores;
  }

  /** The scores of one map; the picture is empty when none was asked for. */
  record MapScore(int regions, double margin, byte[] picture) {}
}
