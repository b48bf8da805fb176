package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.SampleData;

class ModelCodecTest {
  @Test
  void restoredNetworkHasTheSameWeightsAndPredictions() {
    ImageSet test = SampleData.small().test();
    TrainConfig config = new TrainConfig(Architecture.CNN, 2, OptimizerKind.SGD, 0.01, 1, 16, 9);
    ComputationGraph net = Networks.build(config, new ImageShape(1, 28, 28), 10);
    INDArray images = Evaluator.rows(test, 0, 4);

    ComputationGraph restored = ModelCodec.fromBytes(ModelCodec.toBytes(net));

    assertThat(TrainerTest.weights(restored)).containsExactly(TrainerTest.weights(net));
    assertThat(restored.outputSingle(images).toFloatMatrix())
        .isDeepEqualTo(net.outputSingle(images).toFloatMatrix());
  }

  @Test
  void corruptBytesAreRejectedClearly() {
    TrainConfig config = new TrainConfig(Architecture.MLP, 4, OptimizerKind.ADAM, 0.01, 1, 16, 9);
    byte[] bytes = ModelCodec.toBytes(Networks.build(config, new ImageShape(1, 28, 28), 10));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> ModelCodec.fromBytes(truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("stored weights are corrupt: ");
    assertThatThrownBy(() -> ModelCodec.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("stored weights are corrupt: ");
  }
}
