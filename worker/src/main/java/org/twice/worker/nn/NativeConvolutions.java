package org.twice.worker.nn;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a network's 2-d convolutions through libnd4j's {@code conv2d} ops, which are oneDNN kernels
 * on the {@code -onednn} builds, instead of DL4J's own im2col path in Java: about five times the
 * training speed of a small CNN on two cores (docs/performance.md).
 *
 * <p>DL4J has a helper for exactly this, but 1.0.0-M2.1 never installs it: its availability check
 * looks the native environment up under a class name that M2.1 no longer ships, so the check fails
 * and every layer falls back to Java. This class installs the helper on each plain convolution
 * layer of a network on the CPU backend (CUDA has its own helpers). Pooling and batch normalisation
 * keep DL4J's implementation: their helpers showed no gain measured on training. Setting the system
 * property {@code twice.native-convolutions=false} leaves networks as DL4J built them, for
 * comparison.
 */
public final class NativeConvolutions {
  static final String PROPERTY = "twice.native-convolutions";
  private static final Field HELPER = helperField();

  private NativeConvolutions() {}

  /** The network, its convolutions switched to the native ops where that applies. */
  public static ComputationGraph install(ComputationGraph net) {
    if (!applies()) {
      return net;
    }
    for (Layer layer : net.getLayers()) {
      if (layer.getClass() == ConvolutionLayer.class && layer.getHelper() == null) {
        setHelper(layer, new MKLDNNConvHelper(net.getConfiguration().getDataType()));
      }
    }
    return net;
  }

  private static boolean applies() {
    return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
        && Nd4j.getEnvironment().isCPU();
  }

  private static void setHelper(Layer layer, ConvolutionHelper helper) {
    try {
      HELPER.set(layer, helper);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set the convolution helper of " + layer, e);
    }
  }

  private static Field helperField() {
    try {
      Field field = ConvolutionLayer.class.getDeclaredField("helper");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(
          "DL4J's ConvolutionLayer has no helper field; check the deeplearning4j-nn version");
    }
  }
}
