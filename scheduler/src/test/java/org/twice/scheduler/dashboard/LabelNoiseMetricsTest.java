package org.twice.scheduler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.twice.worker.data.ImageSet;
import org.twice.worker.nn.Evaluator;
import org.twice.worker.nn.ModelCodec;
import org.twice.worker.tasks.DataRef;
import org.twice.worker.tasks.DatasetCache;
import org.twice.worker.tasks.Json;
import org.twice.worker.tasks.TrainParams;

/** Models trained with label noise are also measured against the true training labels. */
class LabelNoiseMetricsTest {

  @Test
  void noisyModelsCarryTrueLabelAccuracyAndLossAndCleanOnesDoNot() throws Exception {
    long experiment = FinishedExperiment.id();
    List<Map<String, Object>> models =
        FinishedExperiment.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT m.label_noise, m.train_accuracy, m.train_loss,"
                                + " m.train_accuracy_true, m.train_loss_true, t.params, a.bytes"
                                + " FROM models m JOIN tasks t ON t.id = m.task_id"
                                + " JOIN artifacts a ON a.task_id = m.task_id"
                                + " JOIN experiment_tasks et ON et.task_id = m.task_id"
                                + " WHERE et.experiment_id = :e AND a.name = 'model.zip'")
                        .bind("e", experiment)
                        .mapToMap()
                        .list());
    DatasetCache datasets = new DatasetCache();

    assertThat(models).extracting(m -> m.get("label_noise")).contains(0.0, 0.2);
    for (Map<String, Object> model : models) {
      if ((Double) model.get("label_noise") == 0) {
        assertThat(model.get("train_accuracy_true")).isNull();
        assertThat(model.get("train_loss_true")).isNull();
        continue;
      }
      DataRef data = Json.read(model.get("params").toString(), TrainParams.class).data();
      ImageSet train = datasets.get(data).train();
      ComputationGraph net = ModelCodec.fromBytes((byte[]) model.get("bytes"));
      double[] truth = Evaluator.accuracyAndLoss(net, train, train.labels());

      assertThat((Double) model.get("train_accuracy_true")).isCloseTo(truth[0], within(1e-9));
      assertThat((Double) model.get("train_loss_true")).isCloseTo(truth[1], within(1e-6));
      assertThat((Double) model.get("train_loss_true"))
          .isNotCloseTo((Double) model.get("train_loss"), within(1e-6));
    }
  }
}
