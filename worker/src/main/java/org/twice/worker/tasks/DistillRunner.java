package org.twice.worker.tasks;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.Artifacts;
import org.twice.store.Lease;
import org.twice.store.ResultWriter;
import org.twice.worker.TaskContext;
import org.twice.worker.TaskRunner;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.nn.Distiller;
import org.twice.worker.nn.Evaluator;
import org.twice.worker.nn.Metrics;
import org.twice.worker.nn.ModelCodec;

/**
 * Distills one student from the network of a finished train task and stores it as a train task
 * stores its model: weights under {@link TrainRunner#WEIGHTS} and a row of {@code models}, which
 * also names the teacher and the temperature.
 */
public final class DistillRunner implements TaskRunner {
  private final Jdbi jdbi;
  private final Artifacts artifacts;
  private final DatasetCache datasets;

  public DistillRunner(Jdbi jdbi, Artifacts artifacts, DatasetCache datasets) {
    this.jdbi = jdbi;
    this.artifacts = artifacts;
    this.datasets = datasets;
  }

  @Override
  public ResultWriter run(Lease lease, TaskContext context) {
    DistillParams params = Json.read(lease.params(), DistillParams.class);
    LoadedDataset data = datasets.get(params.data());
    long teacherTask = TaskKeys.succeededId(jdbi, params.teacher());
    ComputationGraph teacher = StoredModels.load(artifacts, teacherTask);
    int[] labels = TrainRunner.trainingLabels(params.student(), data);

    long started = System.nanoTime();
    ComputationGraph net =
        Distiller.distill(
            params.student().config(),
            teacher,
            params.temperature(),
            data.train(),
            data.classes(),
            f -> context.progress(f));
    long trainMs = (System.nanoTime() - started) / 1_000_000;
    Metrics metrics = Evaluator.evaluate(net, data, labels);
    NoiseMetrics noise = NoiseMetrics.of(net, data.train(), labels);
    byte[] weights = ModelCodec.toBytes(net);
    long parameters = net.numParams();

    return (handle, taskId) -> {
      artifacts.put(handle, taskId, TrainRunner.WEIGHTS, "application/zip", weights);
      ModelRows.insert(handle, taskId, params.student(), metrics, parameters, trainMs);
      ModelRows.recordTeacher(handle, taskId, teacherTask, params.temperature());
      noise.write(handle, taskId);
    };
  }
}
