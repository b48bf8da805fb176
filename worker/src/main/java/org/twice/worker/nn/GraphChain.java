package org.twice.worker.nn;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Adds layers and vertices to a graph one after another, naming each by its position, so that a
 * builder writes a chain of layers without naming them and names only the points where the graph
 * branches. Not thread-safe.
 */
final class GraphChain {
  private final GraphBuilder graph;
  private String last;
  private int count;

  GraphChain(GraphBuilder graph, String input) {
    this.graph = graph;
    this.last = input;
  }

  /** Adds a layer fed by the last thing added and returns its name. */
  String then(Layer layer) {
    return layer(layer, last);
  }

  /** Adds a layer fed by the given vertices and returns its name. */
  String layer(Layer layer, String... inputs) {
    last = nextName(layer.getClass().getSimpleName());
    graph.addLayer(last, layer, inputs);
    return last;
  }

  /** Adds a vertex fed by the given vertices and returns its name. */
  String vertex(GraphVertex vertex, String... inputs) {
    last = nextName(vertex.getClass().getSimpleName());
    graph.addVertex(last, vertex, inputs);
    return last;
  }

  /** The name of the last thing added, or the graph's input before anything was. */
  String last() {
    return last;
  }

  /** Declares the last thing added as the graph's output and returns the builder. */
  GraphBuilder end() {
    return graph.setOutputs(last);
  }

  private String nextName(String type) {
    return (count++) + "-" + type.replace("Layer", "").toLowerCase(Locale.ROOT);
  }
}
