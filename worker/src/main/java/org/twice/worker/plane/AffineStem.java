package org.twice.worker.plane;

import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.Dense;

/**
 * The first layer of a network when it is a dense layer, affine in the input before its activation.
 * On a plane its pre-activation is L(x1 + s u + t v) = L(x1) + s L'(u) + t L'(v), L' being L
 * without its bias, so it is computed on three rows per plane and then combined for every grid
 * point (DESIGN.md 1.1); the activation and the rest of the network follow in {@link GraphTail}.
 * Convolutional first layers are not split: the rest of such a network dominates its cost, and
 * running it outside DL4J's workspaces multiplies the memory it takes (see docs/performance.md).
 */
final class AffineStem {
  private final GraphVertex first;
  private final BaseLayer config;
  private final INDArray weights;
  private final INDArray bias;

  private AffineStem(GraphVertex first) {
    Layer layer = first.getLayer();
    this.first = first;
    this.config = (BaseLayer) layer.conf().getLayer();
    this.weights = layer.getParam("W");
    this.bias = layer.paramTable().get("b");
  }

  /**
   * The stem of a network, or nothing when its first layer is not one computed apart here: then the
   * caller feeds it every point.
   */
  static Optional<AffineStem> of(ComputationGraph net) {
    if (net.getNumInputArrays() != 1 || net.getNumOutputArrays() != 1) {
      return Optional.empty();
    }
    GraphVertex input = net.getVertex(net.getConfiguration().getNetworkInputs().get(0));
    VertexIndices[] consumers = input.getOutputVertices();
    if (consumers == null || consumers.length != 1) {
      return Optional.empty();
    }
    GraphVertex first = net.getVertices()[consumers[0].getVertexIndex()];
    if (first.isOutputVertex() || !(first instanceof LayerVertex vertex)) {
      return Optional.empty();
    }
    InputPreProcessor preProcessor = vertex.getLayerPreProcessor();
    org.deeplearning4j.nn.conf.layers.Layer conf = first.getLayer().conf().getLayer();
    boolean dense = conf.getClass() == DenseLayer.class || conf.getClass() == Dense.class;
    if (dense && preProcessor == null && isPlain((DenseLayer) conf)) {
      return Optional.of(new AffineStem(first));
    }
    return Optional.empty();
  }

  /** The vertex of the first layer, from whose output {@link GraphTail} runs. */
  GraphVertex vertex() {
    return first;
  }

  /** The first layer's number of outputs. */
  long units() {
    return weights.size(1);
  }

  /**
   * The first layer's pre-activations at x1 (bias included), u and v (without it), one row each,
   * from a plane's rows x1, u and v.
   */
  INDArray basis(INDArray inputBasis) {
    INDArray flat = inputBasis.mmul(weights);
    if (bias != null) {
      flat.getRow(0).addi(bias.reshape(bias.length()));
    }
    return flat;
  }

  /**
   * The first layer's activations from rows of pre-activations, one row a point, each the same
   * combination of a basis's rows as the point is of x1, u and v.
   */
  INDArray activations(INDArray preActivations) {
    return config.getActivationFn().getActivation(preActivations, false);
  }

  private static boolean isPlain(DenseLayer conf) {
    return conf.getIDropout() == null && conf.getWeightNoise() == null && !conf.hasLayerNorm();
  }
}
