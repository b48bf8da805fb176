package org.twice.worker.tasks;

import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.twice.store.Artifacts;
import org.twice.store.Lease;
import org.twice.store.ResultWriter;
import org.twice.worker.TaskContext;
import org.twice.worker.TaskRunner;
import org.twice.worker.data.LabelNoise;
import org.twice.worker.data.LoadedDataset;
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
 * Trains one network and stores its weights and its accuracy. Training continues from the task's
 * checkpoint when an earlier attempt left one, and saves checkpoints as {@link TrainCheckpoints}
 * says; the model's training time then adds that of the checkpoint's epochs to this attempt's.
 */
public final class TrainRunner implements TaskRunner {
  public static final String WEIGHTS = "model.zip";

  private final Artifacts artifacts;
  private final DatasetCache datasets;
  private final TrainCheckpoints checkpoints;

  public TrainRunner(Artifacts artifacts, DatasetCache datasets, TrainCheckpoints checkpoints) {
    this.artifacts = artifacts;
    this.datasets = datasets;
    this.checkpoints = checkpoints;
  }

  @Override
  public ResultWriter run(Lease lease, TaskContext context) {
    TrainParams params = Json.read(lease.params(), TrainParams.class);
    LoadedDataset data = datasets.get(params.data());
    int[] labels = trainingLabels(params, data);

    TrainConfig config = params.config();
    Trained trained =
        checkpoints.train(
            lease,
            context,
            config,
            data.train().count(),
            (from, listener) -> train(config, data, labels, from, listener));
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
      artifacts.put(handle, taskId, WEIGHTS, "application/zip", weights);
      ModelRows.insert(handle, taskId, params, metrics, parameters, trainMs);
      noise.write(handle, taskId);
    };
  }

  private static ComputationGraph train(
      TrainConfig config,
      LoadedDataset data,
      int[] labels,
      Optional<TrainingState> from,
      TrainingListener listener) {
    if (from.isPresent()) {
      return Trainer.resume(config, data.train(), labels, data.classes(), from.get(), listener);
    }
    return Trainer.train(config, data.train(), labels, data.classes(), listener);
  }

  /** The labels the network learns: the true ones with the experiment's share flipped. */
  static int[] trainingLabels(TrainParams params, LoadedDataset data) {
    int[] labels = data.train().labels();
    if (params.labelNoise() == 0) {
      return labels;
    }
    return LabelNoise.apply(labels, data.classes(), params.labelNoise(), params.data().noiseSeed());
  }
}
