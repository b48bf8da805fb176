package org.twice.worker.tasks;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.Artifacts;
import org.twice.store.Lease;
import org.twice.store.ResultWriter;
import org.twice.store.StoreException;
import org.twice.worker.TaskContext;
import org.twice.worker.TaskRunner;
import org.twice.worker.data.ImageSet;
import org.twice.worker.nn.ModelCodec;
import org.twice.worker.plane.Plane;
import org.twice.worker.plane.PlaneEvaluator;

/** Maps one model's decision regions on the plane through each of the experiment's triplets. */
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
    ImageSet test = datasets.get(params.data()).test();
    long modelTask = TaskKeys.succeededId(jdbi, params.model());
    ComputationGraph net = ModelCodec.fromBytes(weights(modelTask));

    List<Plane> planes = params.triplets().stream().map(t -> plane(test, t, params)).toList();
    List<byte[]> maps = new ArrayList<>(planes.size());
    for (int from = 0; from < planes.size(); from += PLANES_PER_BATCH) {
      List<Plane> batch = planes.subList(from, Math.min(planes.size(), from + PLANES_PER_BATCH));
      maps.addAll(PlaneEvaluator.maps(net, batch, test.channels(), test.height(), test.width()));
      context.progress((double) maps.size() / planes.size());
    }

    return (handle, taskId) -> MapRows.insert(handle, taskId, modelTask, params, maps);
  }

  private byte[] weights(long modelTask) {
    return artifacts
        .get(modelTask, TrainRunner.WEIGHTS)
        .orElseThrow(
            () -> new StoreException("task " + modelTask + " succeeded but stored no weights"));
  }

  private static Plane plane(ImageSet test, List<Integer> triplet, PlaneParams params) {
    return Plane.through(
        test.image(triplet.get(0)),
        test.image(triplet.get(1)),
        test.image(triplet.get(2)),
        params.resolution(),
        params.rangeLow(),
        params.rangeHigh());
  }
}
