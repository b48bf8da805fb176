package org.twice.worker.plane;

import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.nn.Dense;
import org.twice.worker.nn.NativeLayers;

/**
 * The same convolutional network with its layers reading and writing channels-last (NHWC)
 * activations, for forward passes only. oneDNN's kernels run plain NHWC data directly, where
 * channels-first data is reordered to a blocked layout and back around every convolution: a small
 * CNN's forward pass over a plane's 2,500 points takes about half the time (docs/performance.md).
 * The twin shares the network's parameter array, so it sees the weights as they are when it runs.
 * Not thread-safe, like the network.
 */
final class NhwcTwin {
  private static final int[] SPATIAL_NHWC = {1, 2};
  private static final int CHANNELS_NHWC = 3;

  private final ComputationGraph net;
  private final ForwardPass pass;
  private final int channels;
  private final int height;
  private final int width;

  private NhwcTwin(ComputationGraph net, int channels, int height, int width) {
    this.net = net;
    this.pass = new ForwardPass(net);
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /**
   * The twin of a convolutional network made only of layers it knows how to turn (convolutions,
   * pooling, batch norm, activations, dense and output layers, sums and concatenations of
   * branches), on the CPU backend; empty for any other network, which keeps running as it is.
   */
  static Optional<NhwcTwin> of(ComputationGraph net, int channels, int height, int width) {
    if (!Nd4j.getEnvironment().isCPU()) {
      return Optional.empty();
    }
    ComputationGraphConfiguration conf = net.getConfiguration().clone();
    boolean convolutional = false;
    for (GraphVertex vertex : conf.getVertices().values()) {
      if (!turn(vertex)) {
        return Optional.empty();
      }
      convolutional |= vertex instanceof LayerVertex layer && isConvolution(layer);
    }
    if (!convolutional) {
      return Optional.empty();
    }
    ComputationGraph twin = new ComputationGraph(conf);
    twin.init(net.params(), false);
    return Optional.of(new NhwcTwin(NativeLayers.install(twin), channels, height, width));
  }

  /** The predicted class of each row of channels-first pixels, its arrays from the pool. */
  int[] classes(INDArray rows, ArrayPool pool) {
    return probabilities(rows, pool).argMax(1).toIntVector();
  }

  /**
   * The network's output for each row of channels-first pixels, computed with arrays from the pool
   * ({@link ForwardPass}); the output itself is not the pool's.
   */
  INDArray probabilities(INDArray rows, ArrayPool pool) {
    long count = rows.size(0);
    INDArray images =
        pool.take(rows.dataType(), new long[] {count, height, width, channels}, 'c')
            .assign(rows.reshape('c', count, channels, height, width).permute(0, 2, 3, 1));
    return pass.output(images, pool);
  }

  private static boolean isConvolution(LayerVertex vertex) {
    return vertex.getLayerConf().getLayer().getClass() == ConvolutionLayer.class;
  }

  private static boolean turn(GraphVertex vertex) {
    if (vertex instanceof ElementWiseVertex) {
      return true;
    }
    if (vertex instanceof MergeVertex merge) {
      merge.setMergeAxis(CHANNELS_NHWC);
      return true;
    }
    if (!(vertex instanceof LayerVertex layerVertex)) {
      return false;
    }
    return turnPreProcessor(layerVertex) && turnLayer(layerVertex.getLayerConf().getLayer());
  }

  private static boolean turnPreProcessor(LayerVertex vertex) {
    InputPreProcessor pre = vertex.getPreProcessor();
    if (pre == null) {
      return true;
    }
    if (pre instanceof FeedForwardToCnnPreProcessor) {
      // The twin is fed images already shaped [count, height, width, channels].
      vertex.setPreProcessor(null);
      return true;
    }
    if (pre instanceof CnnToFeedForwardPreProcessor flatten) {
      flatten.setFormat(CNN2DFormat.NHWC);
      return true;
    }
    return false;
  }

  private static boolean turnLayer(Layer layer) {
    if (layer.getClass() == ConvolutionLayer.class) {
      ((ConvolutionLayer) layer).setCnn2dDataFormat(CNN2DFormat.NHWC);
    } else if (layer.getClass() == SubsamplingLayer.class) {
      ((SubsamplingLayer) layer).setCnn2dDataFormat(CNN2DFormat.NHWC);
    } else if (layer.getClass() == BatchNormalization.class) {
      ((BatchNormalization) layer).setCnn2DFormat(CNN2DFormat.NHWC);
    } else if (layer instanceof GlobalPoolingLayer pool) {
      pool.setPoolingDimensions(SPATIAL_NHWC);
    } else {
      return layer instanceof ActivationLayer
          || layer.getClass() == DenseLayer.class
          || layer.getClass() == Dense.class
          || layer.getClass() == OutputLayer.class;
    }
    return true;
  }
}
