package org.twice.worker.tasks;

import java.util.Optional;
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
import org.twice.worker.nn.Predictor;
import org.twice.worker.nn.TrainConfig;
import org.twice.worker.nn.Trainer;
import org.twice.worker.nn.TrainingListener;
import org.twice.worker.nn.TrainingState;
import org.twice.worker.plane.Predictors;
import org.twice.worker.tasks.TrainCheckpoints.Trained;

/**
 * Distills one student from the network of a finished train task and stores it as a train task
 * stores its model: weights under {@link TrainRunner#WEIGHTS} and a row of {@code models}, which
 * also names the teacher and the temperature. Like training, distillation continues from the task's
 * checkpoint when an earlier attempt left one and saves checkpoints as {@link TrainCheckpoints}
 * says; the model's training time then adds that of the checkpoint's epochs to this attempt's.
 */
public final class DistillRunner implements TaskRunner {
  private final Jdbi jdbi;
  private final Artifacts artifacts;
  private final DatasetCache datasets;
  private final TrainCheckpoints checkpoints;

  public DistillRunner(
      Jdbi jdbi, Artifacts artifacts, DatasetCache datasets, TrainCheckpoints checkpoints) {
    this.jdbi = jdbi;
    this.artifacts = artifacts;
    this.datasets = datasets;
    this.checkpoints = checkpoints;
  }

  @Override
  public ResultWriter run(Lease lease, TaskContext context) {
    DistillParams params = Json.read(lease.params(), DistillParams.class);
    LoadedDataset data = datasets.get(params.data());
    long teacherTask = TaskKeys.succeededId(jdbi, params.teacher());
    ComputationGraph teacher = StoredModels.load(artifacts, teacherTask);
    int[] labels = TrainRunner.trainingLabels(params.student(), data);

    Trained trained =
        checkpoints.train(
            lease,
            context,
            params.student().config(),
            data.train().count(),
            (from, listener) -> distill(params, teacher, data, from, listener));
    ComputationGraph net = trained.net();
    long trainMs = trained.trainMs();
    Metrics metrics;
    NoiseMetrics noise;
    try (Predictor predictor = Predictors.of(net, Trainer.shape(data.train()))) {
      metrics = Evaluator.evaluate(predictor, data, labels);
      noise = NoiseMetrics.of(predictor, data.train(), labels);
    }
    byte[] weights = ModelCodec.toBytes(net);
    long parameters = net.numParams();

    return (handle, taskId) -> {
      artifacts.put(handle, taskId, TrainRunner.WEIGHTS, "application/zip", weights);
      ModelRows.insert(handle, taskId, params.student(), metrics, parameters, trainMs);
      ModelRows.recordTeacher(handle, taskId, teacherTask, params.temperature());
      noise.write(handle, taskId);
    };
  }

  private static ComputationGraph distill(
      DistillParams params,
      ComputationGraph teacher,
      LoadedDataset data,
      Optional<TrainingState> from,
      TrainingListener listener) {
    TrainConfig config = params.student().config();
    double temperature = params.temperature();
    if (from.isPresent()) {
      return Distiller.resume(
          config, teacher, temperature, data.train(), data.classes(), from.get(), listener);
    }
    return Distiller.distill(config, teacher, temperature, data.train(), data.classes(), listener);
  }
}
