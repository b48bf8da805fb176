package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.worker.nn.ArchitectureTest.images;
import static org.twice.worker.nn.ArchitectureTest.oneHot;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The native convolutions and batch normalisations compute what DL4J's own paths compute, up to
 * float rounding, forwards, backwards and over a few training steps (running statistics included),
 * for every convolutional architecture. A network's clone is rebuilt by DL4J without them, so it
 * serves as the reference.
 */
class NativeLayersTest {
  private static final ImageShape COLOUR = new ImageShape(3, 32, 32);
  private static final int BATCH = 6;
  private static final Set<Class<?>> KINDS =
      Set.of(ConvolutionLayer.class, BatchNormalization.class);

  @ParameterizedTest
  @EnumSource(names = {"CNN", "CNN5", "RESNET18", "VGG", "DENSENET"})
  void agreeWithDl4jsOwnLayers(Architecture architecture) throws Exception {
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

    assertThat(nativeKinds(fast)).isNotEmpty().allMatch(layer -> layer.getHelper() != null);
    assertThat(nativeKinds(reference)).allMatch(layer -> layer.getHelper() == null);
    assertThat(maxDifference(fastOut.ravel().toFloatVector(), referenceOut.ravel().toFloatVector()))
        .isLessThan(1e-5f);
    assertThat(maxDifference(fastGradient, referenceGradient))
        .isLessThan(1e-4f * maxAbs(referenceGradient) + 1e-7f);
    float[] referenceParams = reference.params().toFloatVector();
    assertThat(maxDifference(fast.params().toFloatVector(), referenceParams))
        .isLessThan(1e-3f * maxAbs(referenceParams));
    for (Layer layer : nativeKinds(fast)) {
      assertThat(fallbacks(layer)).as("falls back to DL4J's path: %s", layer.getConfig()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"CNN", "RESNET18"})
  void areInstalledOnRestoredNetworks(Architecture architecture) {
    ComputationGraph net = Networks.build(config(architecture), COLOUR, 10);

    ComputationGraph restored = ModelCodec.fromBytesWithUpdater(ModelCodec.toBytesWithUpdater(net));

    assertThat(nativeKinds(restored)).isNotEmpty().allMatch(layer -> layer.getHelper() != null);
  }

  private static TrainConfig config(Architecture architecture) {
    return new TrainConfig(architecture, 4, OptimizerKind.ADAM, 1e-3, 1, BATCH, 7);
  }

  /** The network's gradient on the batch, flattened. */
  static float[] gradient(ComputationGraph net, DataSet batch) {
    net.setInputs(batch.getFeatures());
    net.setLabels(batch.getLabels());
    net.computeGradientAndScore();
    return net.gradient().gradient().toFloatVector();
  }

  /** The convolution and batch normalisation layers. */
  private static List<Layer> nativeKinds(ComputationGraph net) {
    return Arrays.stream(net.getLayers())
        .filter(layer -> KINDS.contains(layer.getClass()))
        .toList();
  }

  private static int fallbacks(Layer layer) throws ReflectiveOperationException {
    Field count = layer.getClass().getDeclaredField("helperCountFail");
    count.setAccessible(true);
    return count.getInt(layer);
  }

  static float maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  static float maxAbs(float[] values) {
    float max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
