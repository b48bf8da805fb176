package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.worker.nn.ArchitectureTest.images;
import static org.twice.worker.nn.ArchitectureTest.oneHot;
import static org.twice.worker.nn.NativeLayersTest.gradient;
import static org.twice.worker.nn.NativeLayersTest.maxAbs;
import static org.twice.worker.nn.NativeLayersTest.maxDifference;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The MLP's dense layers, which keep their forward output for the backward pass and leave out the
 * input's gradient, train as DL4J's own dense layers do: the same configuration with DL4J's layer
 * class in place of {@link Dense} is the reference.
 */
class DenseTrainingTest {
  private static final ImageShape GREY = new ImageShape(1, 28, 28);
  private static final int BATCH = 16;

  @Test
  void trainsAsDl4jsDenseLayerDoes() {
    ComputationGraph fast =
        Networks.build(
            new TrainConfig(Architecture.MLP, 32, OptimizerKind.ADAM, 1e-3, 1, BATCH, 5), GREY, 10);
    String json = fast.getConfiguration().toJson();
    assertThat(json).contains(Dense.class.getName());
    ComputationGraph reference =
        new ComputationGraph(
            ComputationGraphConfiguration.fromJson(
                json.replace(
                    Dense.class.getName(),
                    org.deeplearning4j.nn.conf.layers.DenseLayer.class.getName())));
    reference.init(fast.params().dup(), true);
    assertThat(Arrays.stream(reference.getLayers()).map(Object::getClass))
        .doesNotContain(DenseTraining.class);
    assertThat(Arrays.stream(fast.getLayers()).map(Object::getClass)).contains(DenseTraining.class);
    DataSet batch = new DataSet(images(GREY, BATCH, 4), oneHot(BATCH, 10));

    float[] fastGradient = gradient(fast, batch);
    float[] referenceGradient = gradient(reference, batch);
    for (int step = 0; step < 3; step++) {
      fast.fit(batch);
      reference.fit(batch);
    }

    assertThat(maxDifference(fastGradient, referenceGradient))
        .isLessThan(1e-5f * maxAbs(referenceGradient) + 1e-8f);
    float[] referenceParams = reference.params().toFloatVector();
    assertThat(maxDifference(fast.params().toFloatVector(), referenceParams))
        .isLessThan(1e-5f * maxAbs(referenceParams));
    INDArray features = batch.getFeatures();
    assertThat(
            maxDifference(
                fast.outputSingle(features).ravel().toFloatVector(),
                reference.outputSingle(features).ravel().toFloatVector()))
        .isLessThan(1e-5f);
  }
}
