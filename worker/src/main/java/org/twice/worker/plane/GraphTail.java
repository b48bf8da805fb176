package org.twice.worker.plane;

import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a network's graph from one vertex's output to the network's output, in inference mode, the
 * vertices in the network's topological order. Every array of a call lives in one ND4J workspace of
 * the calling thread, which keeps its memory for the next call: while the batches keep their size,
 * no array is allocated from the system again (a fresh native array of a few megabytes costs more
 * than the products of a small dense network on it, see docs/performance.md). The workspace holds
 * all of a call's activations at once, so this is meant for tails whose activations are small. Not
 * thread-safe: it feeds the network's own vertices.
 */
final class GraphTail {
  private static final String WORKSPACE = "TWICE_PLANE_TAIL";
  private static final WorkspaceConfiguration WORKSPACE_CONFIG =
      WorkspaceConfiguration.builder()
          .initialSize(0)
          .overallocationLimit(0.05)
          .policyLearning(LearningPolicy.FIRST_LOOP)
          .policyReset(ResetPolicy.BLOCK_LEFT)
          .policySpill(SpillPolicy.REALLOCATE)
          .policyAllocation(AllocationPolicy.OVERALLOCATE)
          .build();

  private final GraphVertex[] vertices;
  private final int[] order;
  private final int start;
  private final LayerWorkspaceMgr workspaces =
      LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, WORKSPACE_CONFIG).build();

  GraphTail(ComputationGraph net, GraphVertex start) {
    this.vertices = net.getVertices();
    this.order = net.topologicalSortOrder();
    this.start = start.getVertexIndex();
  }

  /**
   * The argmax class of each row of the network's output, given the start vertex's output, which
   * the supplier builds inside the workspace (so it may allocate there too).
   */
  int[] classes(Supplier<INDArray> startOutput) {
    try (MemoryWorkspace scope =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
      INDArray[] outputs = new INDArray[vertices.length];
      outputs[start] = startOutput.get();
      INDArray result = null;
      boolean started = false;
      for (int index : order) {
        if (started) {
          INDArray output = forward(vertices[index], outputs);
          result = vertices[index].isOutputVertex() ? output : result;
        }
        started |= index == start;
      }
      return result.argMax(1).toIntVector();
    }
  }

  private INDArray forward(GraphVertex vertex, INDArray[] outputs) {
    for (VertexIndices input : vertex.getInputVertices()) {
      vertex.setInput(input.getVertexEdgeNumber(), outputs[input.getVertexIndex()], workspaces);
    }
    INDArray output = vertex.doForward(false, workspaces);
    vertex.clear();
    outputs[vertex.getVertexIndex()] = output;
    return output;
  }
}
