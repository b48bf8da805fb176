package org.twice.worker.plane;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a network's graph from one vertex's output to the network's output, in inference mode, the
 * vertices in the network's topological order. Each intermediate array is freed as soon as the last
 * vertex reading it is done. Not thread-safe: it feeds the network's own vertices.
 */
final class GraphTail {
  private final GraphVertex[] vertices;
  private final int[] order;
  private final int start;
  private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();

  GraphTail(ComputationGraph net, GraphVertex start) {
    this.vertices = net.getVertices();
    this.order = net.topologicalSortOrder();
    this.start = start.getVertexIndex();
  }

  /** The argmax class of each row of the network's output, given the start vertex's output. */
  int[] classes(INDArray startOutput) {
    INDArray[] outputs = new INDArray[vertices.length];
    int[] readers = new int[vertices.length];
    outputs[start] = startOutput;
    readers[start] = vertices[start].getNumOutputConnections();
    INDArray result = null;
    boolean started = false;
    for (int index : order) {
      if (started) {
        INDArray output = forward(vertices[index], outputs, readers);
        result = vertices[index].isOutputVertex() ? output : result;
      }
      started |= index == start;
    }
    int[] classes = result.argMax(1).toIntVector();
    free(result, outputs);
    return classes;
  }

  private INDArray forward(GraphVertex vertex, INDArray[] outputs, int[] readers) {
    VertexIndices[] inputs = vertex.getInputVertices();
    for (VertexIndices input : inputs) {
      vertex.setInput(input.getVertexEdgeNumber(), outputs[input.getVertexIndex()], workspaces);
    }
    INDArray output = vertex.doForward(false, workspaces);
    vertex.clear();
    int index = vertex.getVertexIndex();
    outputs[index] = output;
    readers[index] = vertex.getNumOutputConnections();
    for (VertexIndices input : inputs) {
      int from = input.getVertexIndex();
      if (--readers[from] == 0) {
        INDArray done = outputs[from];
        outputs[from] = null;
        free(done, outputs);
      }
    }
    return output;
  }

  /** Closes an array unless it is a view or another live output shares its memory. */
  private static void free(INDArray array, INDArray[] live) {
    DataBuffer memory = array.data();
    boolean shared =
        Arrays.stream(live)
            .filter(other -> other != null)
            .map(INDArray::data)
            .anyMatch(
                other ->
                    other == memory
                        || other.originalDataBuffer() == memory
                        || other.sameUnderlyingData(memory));
    if (!shared && array.closeable()) {
      array.close();
    }
  }
}
