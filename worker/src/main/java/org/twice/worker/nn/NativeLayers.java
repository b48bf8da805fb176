package org.twice.worker.nn;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a network's 2-d convolutions and batch normalisations on the CPU through native kernels
 * instead of DL4J's own Java paths (im2col and matrix products for convolutions, a dozen broadcasts
 * and reductions for a batch normalisation):
 *
 * <ul>
 *   <li>convolutions as oneDNN primitives planned for training ({@link OneDnnConvHelper}; those
 *       whose derivative needs only their output get {@link ReusingConvHelper}, which spares the
 *       backward pass a second forward convolution), and a layer reading the network's input skips
 *       the gradient with respect to it;
 *   <li>batch normalisation in training on flat views of the batch ({@link FlatBatchNormHelper}),
 *       in inference through libnd4j's {@code batchnorm} op.
 * </ul>
 *
 * <p>DL4J has native helpers of its own, but 1.0.0-M2.1 never installs them: their availability
 * check looks the native environment up under a class name that M2.1 no longer ships, so it fails
 * and every layer falls back to Java. This class installs helpers on the plain convolution and
 * batch normalisation layers of a network on the CPU backend (CUDA has its own helpers). Pooling
 * keeps DL4J's implementation, which calls libnd4j's pooling ops. docs/performance.md has the
 * figures. A network's training steps mostly bypass these helpers: they run as one oneDNN program
 * ({@link TrainingGraph}); the helpers serve inference and the networks a program cannot run.
 * Setting the system property {@code twice.native-layers=false} leaves networks as DL4J built them,
 * for comparison.
 */
public final class NativeLayers {
  static final String PROPERTY = "twice.native-layers";
  private static final Field CONVOLUTION_HELPER = helperField(ConvolutionLayer.class);
  private static final Field NORMALIZATION_HELPER = helperField(BatchNormalization.class);

  private NativeLayers() {}

  /** The network, its convolutions and batch normalisations switched to native ops. */
  public static ComputationGraph install(ComputationGraph net) {
    if (!applies()) {
      return net;
    }
    DataType type = net.getConfiguration().getDataType();
    for (Layer layer : net.getLayers()) {
      if (layer.getHelper() != null) {
        continue;
      }
      if (layer.getClass() == ConvolutionLayer.class) {
        IActivation activation =
            ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer())
                .getActivationFn();
        setHelper(
            CONVOLUTION_HELPER,
            layer,
            ReusingConvHelper.suits(activation)
                ? new ReusingConvHelper(type)
                : new OneDnnConvHelper(type));
      } else if (layer.getClass() == BatchNormalization.class) {
        setHelper(NORMALIZATION_HELPER, layer, new FlatBatchNormHelper(type));
      }
    }
    skipInputGradients(net);
    return net;
  }

  /** Convolutions that read a network input leave the gradient with respect to it out. */
  private static void skipInputGradients(ComputationGraph net) {
    for (String name : net.getConfiguration().getNetworkInputs()) {
      VertexIndices[] readers = net.getVertex(name).getOutputVertices();
      for (VertexIndices reader : readers == null ? new VertexIndices[0] : readers) {
        if (net.getVertices()[reader.getVertexIndex()] instanceof LayerVertex vertex
            && vertex.getLayer().getHelper() instanceof OneDnnConvHelper helper) {
          helper.skipInputGradient();
        }
      }
    }
  }

  private static boolean applies() {
    return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
        && Nd4j.getEnvironment().isCPU();
  }

  private static void setHelper(Field field, Layer layer, Object helper) {
    try {
      field.set(layer, helper);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set the native helper of " + layer, e);
    }
  }

  private static Field helperField(Class<?> layerClass) {
    try {
      Field field = layerClass.getDeclaredField("helper");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(
          layerClass.getName() + " has no helper field; check the deeplearning4j-nn version");
    }
  }
}
