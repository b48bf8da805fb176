package org.twice.worker.tasks;

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
import org.twice.worker.nn.Trainer;

/** Trains one network and stores its weights and its accuracy. */
public final class TrainRunner implements TaskRunner {
  public static final String WEIGHTS = "model.zip";

  private final Artifacts artifacts;
  private final DatasetCache datasets;

  public TrainRunner(Artifacts artifacts, DatasetCache datasets) {
    this.artifacts = artifacts;
    this.datasets = datasets;
  }

  @Override
  public ResultWriter run(Lease lease, TaskContext context) {
    TrainParams params = Json.read(lease.params(), TrainParams.class);
    LoadedDataset data = datasets.get(params.data());
    int[] labels = trainingLabels(params, data);

    long started = System.nanoTime();
    ComputationGraph net =
        Trainer.train(
            params.config(), data.train(), labels, data.classes(), f -> context.progress(f));
    long trainMs = (System.nanoTime() - started) / 1_000_000;
    Metrics metrics = Evaluator.evaluate(net, data, labels);
    NoiseMetrics noise = NoiseMetrics.of(net, data.train(), labels);
    byte[] weights = ModelCodec.toBytes(net);
    long parameters = net.numParams();

    return (handle, taskId) -> {
      artifacts.put(handle, taskId, WEIGHTS, "application/zip", weights);
      ModelRows.insert(handle, taskId, params, metrics, parameters, trainMs);
      noise.write(handle, taskId);
    };
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
