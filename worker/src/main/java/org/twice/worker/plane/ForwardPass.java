package org.twice.worker.plane;

import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An inference pass through a network's graph, vertex by vertex in topological order, with every
 * array from an {@link ArrayPool} and given back to it once its last reader is done. Where DL4J's
 * own pass copies, this one does not: a convolution with a native helper runs straight through it
 * (DL4J 1.0.0-M2.1's convolution layer copies a channels-last input whole only to read its sizes),
 * and an activation layer or a sum of branches works in place on an input nothing else reads.
 * Together with the pool, about a third of a ResNet's plane time went to copies and to faulting in
 * fresh memory (docs/performance.md). Not thread-safe: it feeds the network's own vertices.
 */
final class ForwardPass {
  private final ComputationGraph net;
  private final GraphVertex[] vertices;
  private final int[] order;

  ForwardPass(ComputationGraph net) {
    this.net = net;
    this.vertices = net.getVertices();
    this.order = net.topologicalSortOrder();
  }

  /**
   * The network's output for one input array, detached from the pool: the pool gets back every
   * other array of the pass, the input included when it came from there.
   */
  INDArray output(INDArray input, ArrayPool pool) {
    INDArray[] outputs = new INDArray[vertices.length];
    int[] readers = new int[vertices.length];
    INDArray result = null;
    for (int index : order) {
      GraphVertex vertex = vertices[index];
      if (vertex.isInputVertex()) {
        outputs[index] = input;
        readers[index] = vertex.getNumOutputConnections();
        continue;
      }
      INDArray output = forward(vertex, outputs, readers, pool);
      if (vertex.isOutputVertex()) {
        result = output.dup();
        pool.give(output);
        outputs[index] = null;
      }
    }
    return result;
  }

  private INDArray forward(GraphVertex vertex, INDArray[] outputs, int[] readers, ArrayPool pool) {
    VertexIndices[] inputs = vertex.getInputVertices();
    int firstIndex = inputs[0].getVertexIndex();
    INDArray first = outputs[firstIndex];
    boolean firstIsMine =
        readers[firstIndex] == 1 && pool.owns(first) && alone(first, outputs, firstIndex);
    INDArray output;
    if (vertex instanceof LayerVertex layerVertex
        && layerVertex.getLayerPreProcessor() == null
        && layerVertex.getLayer().getHelper() instanceof ConvolutionHelper helper
        && layerVertex.getLayer().getClass()
            == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class) {
      output = convolve(layerVertex.getLayer(), helper, first, pool);
    } else if (firstIsMine
        && vertex instanceof LayerVertex layerVertex
        && layerVertex.getLayerPreProcessor() == null
        && layerVertex.getLayer() instanceof ActivationLayer activation) {
      output = activation.layerConf().getActivationFn().getActivation(first, false);
    } else if (firstIsMine && isSum(vertex)) {
      output = first;
      for (int k = 1; k < inputs.length; k++) {
        output.addi(outputs[inputs[k].getVertexIndex()]);
      }
    } else {
      for (VertexIndices input : inputs) {
        vertex.setInput(
            input.getVertexEdgeNumber(), outputs[input.getVertexIndex()], pool.layers());
      }
      output = vertex.doForward(false, pool.layers());
      vertex.clear();
    }
    int index = vertex.getVertexIndex();
    outputs[index] = output;
    readers[index] = vertex.getNumOutputConnections();
    for (VertexIndices input : inputs) {
      int from = input.getVertexIndex();
      if (--readers[from] == 0) {
        INDArray done = outputs[from];
        outputs[from] = null;
        if (alone(done, outputs, -1)) {
          pool.give(done);
        }
      }
    }
    return output;
  }

  /** A convolution layer's activations, the convolution run by its native helper. */
  private static INDArray convolve(
      Layer layer, ConvolutionHelper helper, INDArray input, ArrayPool pool) {
    ConvolutionLayer conf = (ConvolutionLayer) layer.conf().getLayer();
    INDArray preActivations =
        helper.preOutput(
            input,
            layer.getParam("W"),
            conf.hasBias() ? layer.getParam("b") : null,
            conf.getKernelSize(),
            conf.getStride(),
            conf.getPadding(),
            conf.getCudnnAlgoMode(),
            conf.getCudnnFwdAlgo(),
            conf.getConvolutionMode(),
            conf.getDilation(),
            conf.getCnn2dDataFormat(),
            pool.layers());
    return conf.getActivationFn().getActivation(preActivations, false);
  }

  private boolean isSum(GraphVertex vertex) {
    return vertex instanceof org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex
        && net.getConfiguration().getVertices().get(vertex.getVertexName())
            instanceof ElementWiseVertex conf
        && conf.getOp() == ElementWiseVertex.Op.Add;
  }

  /** Whether no live output but the one at {@code except} (-1: none) shares the array's memory. */
  private static boolean alone(INDArray array, INDArray[] live, int except) {
    DataBuffer memory = array.data();
    DataBuffer original = memory.originalDataBuffer();
    return IntStream.range(0, live.length)
        .filter(index -> index != except && live[index] != null)
        .mapToObj(index -> live[index].data())
        .noneMatch(
            other ->
                other == memory
                    || other.originalDataBuffer() == memory
                    || (original != null
                        && (other == original || other.originalDataBuffer() == original)));
  }
}
