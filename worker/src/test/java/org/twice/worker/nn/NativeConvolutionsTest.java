package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.worker.nn.ArchitectureTest.images;
import static org.twice.worker.nn.ArchitectureTest.oneHot;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The native convolutions compute what DL4J's own path computes, up to float rounding, forwards,
 * backwards and over a few training steps, for every convolutional architecture. A network's clone
 * is rebuilt by DL4J without them, so it serves as the reference.
 */
class NativeConvolutionsTest {
  private static final ImageShape COLOUR = new ImageShape(3, 32, 32);
  private static final int BATCH = 6;

  @ParameterizedTest
  @EnumSource(names = {"CNN", "CNN5", "RESNET18", "VGG", "DENSENET"})
  void agreeWithDl4jsOwnConvolutions(Architecture architecture) throws Exception {
    ComputationGraph fast = Networks.build(config(architecture), COLOUR, 10);
    ComputationGraph reference = fast.clone();
    DataSet batch = new DataSet(images(COLOUR, BATCH, 11), oneHot(BATCH, 10));

    INDArray fastOut = fast.outputSingle(batch.getFeatures());
    INDArray referenceOut = reference.outputSingle(batch.getFeatures());
    float[] fastGradient = gradient(fast, batch);
    float[] referenceGradient = gradient(reference, batch);
    for (int step = 0; step < 3; step++) {
      fast.fit(batch);
      reference.fit(batch);
    }

    assertThat(convolutions(fast)).isNotEmpty().allMatch(c -> c.getHelper() != null);
    assertThat(convolutions(reference)).allMatch(c -> c.getHelper() == null);
    assertThat(maxDifference(fastOut.ravel().toFloatVector(), referenceOut.ravel().toFloatVector()))
        .isLessThan(1e-5f);
    assertThat(maxDifference(fastGradient, referenceGradient))
        .isLessThan(1e-4f * maxAbs(referenceGradient) + 1e-7f);
    float[] referenceParams = reference.params().toFloatVector();
    assertThat(maxDifference(fast.params().toFloatVector(), referenceParams))
        .isLessThan(1e-3f * maxAbs(referenceParams));
    for (ConvolutionLayer c : convolutions(fast)) {
      assertThat(fallbacks(c)).as("falls back to DL4J's path: %s", c.getConfig()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"CNN", "RESNET18"})
  void areInstalledOnRestoredNetworks(Architecture architecture) {
    ComputationGraph net = Networks.build(config(architecture), COLOUR, 10);

    ComputationGraph restored = ModelCodec.fromBytesWithUpdater(ModelCodec.toBytesWithUpdater(net));

    assertThat(convolutions(restored)).isNotEmpty().allMatch(c -> c.getHelper() != null);
  }

  private static TrainConfig config(Architecture architecture) {
    return new TrainConfig(architecture, 4, OptimizerKind.ADAM, 1e-3, 1, BATCH, 7);
  }

  private static float[] gradient(ComputationGraph net, DataSet batch) {
    net.setInputs(batch.getFeatures());
    net.setLabels(batch.getLabels());
    net.computeGradientAndScore();
    return net.gradient().gradient().toFloatVector();
  }

  private static List<ConvolutionLayer> convolutions(ComputationGraph net) {
    return Arrays.stream(net.getLayers())
        .filter(layer -> layer.getClass() == ConvolutionLayer.class)
        .map(ConvolutionLayer.class::cast)
        .toList();
  }

  private static int fallbacks(Layer convolution) throws ReflectiveOperationException {
    Field count = ConvolutionLayer.class.getDeclaredField("helperCountFail");
    count.setAccessible(true);
    return count.getInt(convolution);
  }

  private static float maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static float maxAbs(float[] values) {
    float max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
