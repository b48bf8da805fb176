package org.twice.scheduler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.ReferenceNets;

/**
 * The SameDiff networks the comparison times are whole networks that learn: on one fixed batch
 * whose images' brightness tells their class, a few steps of Adam lower the loss, which a graph
 * without gradients for some of its parameters or with a broken batch normalisation would not do as
 * surely.
 */
class SameDiffNetsTest {
  private static final int BATCH = 16;

  @Test
  void mlp256Learns() {
    assertLearns(SameDiffNets::mlp256, ReferenceNets.GRAY_28, 20);
  }

  @Test
  void cnn16Learns() {
    assertLearns(SameDiffNets::cnn16, ReferenceNets.GRAY_28, 50);
  }

  @Test
  void resnet18k16Learns() {
    assertLearns(SameDiffNets::resnet18k16, ReferenceNets.COLOR_32, 10);
  }

  private static void assertLearns(Supplier<SameDiff> network, ImageShape shape, int steps) {
    Nd4j.getRandom().setSeed(7);
    SameDiff sd = network.get();
    INDArray features = Nd4j.rand(DataType.FLOAT, BATCH, shape.features()).muli(0.5);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
    for (int row = 0; row < BATCH; row++) {
      labels.putScalar(row, row % 10, 1f);
      features.getRow(row).addi((row % 10) / 10.0);
    }
    Map<String, INDArray> batch =
        Map.of(SameDiffNets.FEATURES, features, SameDiffNets.LABELS, labels);

    double before = loss(sd, batch);
    for (int step = 0; step < steps; step++) {
      sd.fit(new DataSet(features, labels));
    }
    double after = loss(sd, batch);

    assertThat(after).isLessThan(0.8 * before);
  }

  private static double loss(SameDiff sd, Map<String, INDArray> batch) {
    return sd.output(batch, SameDiffNets.LOSS).get(SameDiffNets.LOSS).getDouble(0);
  }
}
