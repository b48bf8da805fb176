package org.twice.worker.plane;

import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first layer of a network when it is affine in the input: a dense layer or a convolution,
 * before its activation. On a plane its pre-activation is L(x1 + s u + t v) = L(x1) + s L'(u) + t
 * L'(v), L' being L without its bias, so it is computed on three rows per plane and then combined
 * for every grid point (DESIGN.md 1.1); the activation and the rest of the network follow in {@link
 * GraphTail}.
 */
final class AffineStem {
  private final GraphVertex first;
  private final BaseLayer config;
  private final INDArray weights;
  private final INDArray bias;
  private final long[] inputShape;
  private final long[] outputShape;

  private AffineStem(GraphVertex first, long[] inputShape) {
    Layer layer = first.getLayer();
    this.first = first;
    this.config = (BaseLayer) layer.conf().getLayer();
    this.weights = layer.getParam("W");
    this.bias = layer.paramTable().get("b");
    this.inputShape = inputShape;
    this.outputShape =
        inputShape.length == 2 ? new long[] {weights.size(1)} : convolutionOutputShape();
  }

  /**
   * The stem of a network taking rows of {@code channels * height * width} features, or nothing
   * when its first layer is not one computed apart here: then the caller feeds it every point.
   */
  static Optional<AffineStem> of(ComputationGraph net, int channels, int height, int width) {
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
    if (conf.getClass() == DenseLayer.class && preProcessor == null && isPlain((DenseLayer) conf)) {
      return Optional.of(new AffineStem(first, new long[] {3, channels * height * width}));
    }
    if (conf.getClass() == ConvolutionLayer.class
        && preProcessor instanceof FeedForwardToCnnPreProcessor
        && isPlain((ConvolutionLayer) conf)) {
      return Optional.of(new AffineStem(first, new long[] {3, channels, height, width}));
    }
    return Optional.empty();
  }

  /** The vertex of the first layer, from whose output {@link GraphTail} runs. */
  GraphVertex vertex() {
    return first;
  }

  /**
   * The first layer's pre-activations at x1 (bias included), u and v (without it), flattened to one
   * row each.
   */
  INDArray basis(Plane plane) {
    INDArray rows =
        Nd4j.create(new float[][] {plane.origin(), plane.u(), plane.v()}).reshape('c', inputShape);
    INDArray basis = inputShape.length == 2 ? rows.mmul(weights) : convolve(rows);
    INDArray flat = basis.reshape('c', 3, -1);
    if (bias != null) {
      flat.getRow(0).addi(biasAtEveryPosition((int) flat.columns()));
    }
    return flat;
  }

  /** The bias of each output feature: per unit, or per filter at each of its image positions. */
  private INDArray biasAtEveryPosition(int features) {
    float[] perOutput = bias.toFloatVector();
    int positions = features / perOutput.length;
    float[] values = new float[features];
    for (int k = 0; k < features; k++) {
      values[k] = perOutput[k / positions];
    }
    return Nd4j.create(values);
  }

  /**
   * The first layer's activations from rows of pre-activations, one row a point, each the same
   * combination of a basis's rows as the point is of x1, u and v.
   */
  INDArray activations(INDArray preActivations) {
    long[] shape = new long[outputShape.length + 1];
    shape[0] = preActivations.rows();
    System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
    return config.getActivationFn().getActivation(preActivations.reshape('c', shape), false);
  }

  private INDArray convolve(INDArray rows) {
    ConvolutionLayer conv = (ConvolutionLayer) config;
    Conv2DConfig settings =
        Conv2DConfig.builder()
            .kH(conv.getKernelSize()[0])
            .kW(conv.getKernelSize()[1])
            .sH(conv.getStride()[0])
            .sW(conv.getStride()[1])
            .paddingMode(PaddingMode.SAME)
            .dataFormat("NCHW")
            .weightsFormat(WeightsFormat.OIYX)
            .build();
    return Nd4j.cnn().conv2d(rows, weights, settings);
  }

  /** Filters, height and width: "same" padding keeps the image, a stride divides it, up. */
  private long[] convolutionOutputShape() {
    int[] stride = ((ConvolutionLayer) config).getStride();
    long height = (inputShape[2] + stride[0] - 1) / stride[0];
    long width = (inputShape[3] + stride[1] - 1) / stride[1];
    return new long[] {weights.size(0), height, width};
  }

  private static boolean isPlain(DenseLayer conf) {
    return conf.getIDropout() == null && conf.getWeightNoise() == null && !conf.hasLayerNorm();
  }

  private static boolean isPlain(ConvolutionLayer conf) {
    int[] dilation = conf.getDilation();
    return conf.getIDropout() == null
        && conf.getWeightNoise() == null
        && conf.getConvolutionMode() == ConvolutionMode.Same
        && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
        && dilation[0] == 1
        && dilation[1] == 1;
  }
}
