package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SameDiffNoticesTest {
  private static final ImageShape GREY = new ImageShape(1, 28, 28);

  @Test
  void trainingATransformerPrintsNoticesUnlessSilencedAndOtherOutputStillPasses() {
    PrintStream original = System.out;
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ByteArrayOutputStream silenced = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(plain, true, StandardCharsets.UTF_8));
      trainOneStep(1);
      System.setOut(new PrintStream(silenced, true, StandardCharsets.UTF_8));
      SameDiffNotices.silence();
      trainOneStep(2);
      System.out.println("twice's own line");
    } finally {
      System.setOut(original);
    }

    assertThat(plain.toString(StandardCharsets.UTF_8)).contains(SameDiffNotices.PREFIX);
    assertThat(silenced.toString(StandardCharsets.UTF_8))
        .doesNotContain(SameDiffNotices.PREFIX)
        .contains("twice's own line");
  }

  private static void trainOneStep(long seed) {
    TrainConfig config = new TrainConfig(Architecture.VIT, 4, OptimizerKind.ADAM, 1e-3, 1, 4, seed);
    ComputationGraph net = Networks.build(config, GREY, 10);
    DataSet batch =
        new DataSet(
            Nd4j.rand(DataType.FLOAT, 4, GREY.features()),
            Nd4j.eye(10).getRows(0, 1, 2, 3).castTo(DataType.FLOAT));
    net.fit(batch);
  }
}
