package org.twice.worker.nn.onednn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.Dense;
import org.twice.worker.nn.DenseArrays;

/**
 * A network's training step (forward pass, loss, backward pass) planned once as a sequence of
 * oneDNN primitives over arrays in oneDNN's own layouts, for batches of one size. DL4J runs each
 * layer on channels-first arrays and reorders around every native convolution; a program keeps each
 * activation in the layout its producer chose, fuses the ReLU after a batch normalisation or inside
 * a convolution or dense layer, and allocates everything once.
 *
 * <p>It reads the network's parameters where DL4J keeps them and writes the gradients into DL4J's
 * flat gradient array, as DL4J's own backward pass would (sums over the batch, the running
 * averages' changes of batch normalisation included), so that DL4J's updater, listeners and
 * serialisation work unchanged. A program runs convolutions, dense layers, batch normalisations,
 * ReLU layers, max and average pooling, global pooling, residual sums, merges along the channels
 * and the output layer; {@link #plan} says so where a network has anything else. Float data on the
 * CPU only.
 *
 * <p>Not thread-safe: one program serves one network on one thread at a time.
 */
public final class TrainingProgram {
  private final long[] inputDims;
  private final memory input;
  private final Output output;
  private final List<Step> forward;
  private final List<Step> backward;
  private final Gradient gradient;

  /**
   * Held so that the ND4J arrays the operations' memories point at (batch statistics, rows for the
   * output layer) live as long as the program: ND4J frees an array's buffer once it is collected.
   */
  @SuppressWarnings({"unused", "FieldCanBeLocal"})
  private final List<Operation> operations;

  private TrainingProgram(
      long[] inputDims,
      memory input,
      Output output,
      Plan plan,
      Gradient gradient,
      List<Operation> operations) {
    this.inputDims = inputDims;
    this.input = input;
    this.output = output;
    this.forward = plan.forwardSteps();
    this.backward = plan.backwardSteps();
    this.gradient = gradient;
    this.operations = List.copyOf(operations);
  }

  /**
   * Plans the network's training step for batches of {@code batch} images. The network must have
   * its gradient array (DL4J makes it on the first fit).
   *
   * @throws UnsupportedNetworkException if the network has a layer, vertex or setting a program
   *     does not run
   */
  public static TrainingProgram plan(ComputationGraph net, long batch) {
    if (net.getConfiguration().getNetworkInputs().size() != 1
        || net.getConfiguration().getNetworkOutputs().size() != 1) {
      throw new UnsupportedNetworkException("a network of several inputs or outputs");
    }
    if (net.getConfiguration().getDataType() != DataType.FLOAT) {
      throw new UnsupportedNetworkException("a network of " + net.getConfiguration().getDataType());
    }
    if (net.getFlattenedGradients() == null) {
      throw new IllegalStateException("the network has no gradient array yet");
    }
    return new Planner(net, batch).plan();
  }

  /**
   * One training step's forward and backward pass on a batch: the gradients land in the network's
   * gradient array, and the loss, averaged over the batch without regularisation, is returned.
   *
   * @param features the images, [batch, channels * height * width] or [batch, channels, height,
   *     width], channels first; or rows of features for a network of dense layers
   * @param labels what the output layer's loss compares its output with, [batch, classes]
   */
  public double run(INDArray features, INDArray labels) {
    if (features.length() != Arrays.stream(inputDims).reduce(1, (a, b) -> a * b)
        || features.size(0) != inputDims[0]
        || features.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException(
          "features of shape %s and type %s for a program of %s floats"
              .formatted(
                  Arrays.toString(features.shape()),
                  features.dataType(),
                  Arrays.toString(inputDims)));
    }
    INDArray dense = DenseArrays.dense(features);
    Dnnl.bind(input, dense);
    output.labels(labels);
    stream stream = Dnnl.stream();
    for (Step step : forward) {
      step.run(stream);
    }
    for (Step step : backward) {
      step.run(stream);
    }
    return output.score();
  }

  /** The gradient the last run wrote, as DL4J's updater takes it: the flat array and its views. */
  public Gradient gradient() {
    return gradient;
  }

  /** Walks the graph in DL4J's order and makes an operation of each vertex. */
  private static final class Planner {
    private final ComputationGraph net;
    private final long batch;
    private final GraphVertex[] vertices;
    private final Plan plan = new Plan();
    private final Map<Integer, Tensor> tensors = new HashMap<>();
    private final Map<Integer, Rows> rows = new HashMap<>();
    private final List<Operation> operations = new ArrayList<>();
    private final Gradient gradient;
    private long[] inputDims;
    private memory input;
    private Output output;

    Planner(ComputationGraph net, long batch) {
      this.net = net;
      this.batch = batch;
      this.vertices = net.getVertices();
      this.gradient = new NetworkGradient(net.getFlattenedGradients());
    }

    TrainingProgram plan() {
      for (int index : net.topologicalSortOrder()) {
        if (!tensors.containsKey(index)) {
          add(vertices[index]);
        }
      }
      if (output == null) {
        throw new UnsupportedNetworkException("a network that ends in no output layer");
      }
      for (int k = operations.size() - 1; k >= 0; k--) {
        operations.get(k).planBackward(plan);
      }
      return new TrainingProgram(inputDims, input, output, plan, gradient, operations);
    }

    private void add(GraphVertex vertex) {
      if (vertex.isInputVertex()) {
        return;
      }
      if (vertex instanceof LayerVertex layerVertex) {
        addLayer(layerVertex);
      } else {
        Object conf = net.getConfiguration().getVertices().get(vertex.getVertexName());
        if (conf instanceof ElementWiseVertex sum && sum.getOp() == ElementWiseVertex.Op.Add) {
          operate(vertex, new Add(plan, inputs(vertex)));
        } else if (conf instanceof MergeVertex merge && merge.getMergeAxis() == 1) {
          operate(vertex, new Concat(plan, inputs(vertex)));
        } else {
          throw new UnsupportedNetworkException(
              "a vertex of kind " + conf.getClass().getSimpleName());
        }
      }
    }

    private void addLayer(LayerVertex vertex) {
      Layer layer = vertex.getLayer();
      org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
      Tensor in = layerInput(vertex);
      if (conf instanceof ConvolutionLayer convolution) {
        operate(vertex, new Convolution(plan, in, convolution, parameters(layer)));
      } else if (conf.getClass() == DenseLayer.class || conf instanceof Dense) {
        operate(vertex, new InnerProduct(plan, in, (DenseLayer) conf, parameters(layer)));
      } else if (conf instanceof BatchNormalization norm) {
        GraphVertex relu = reluAfter(vertex);
        Operation op = new BatchNorm(plan, in, norm, parameters(layer), relu != null);
        operate(vertex, op);
        if (relu != null) {
          tensors.put(relu.getVertexIndex(), op.output());
        }
      } else if (conf instanceof ActivationLayer activation
          && Activations.isRelu(activation.getActivationFn())) {
        operate(vertex, new ReluStep(plan, in));
      } else if (conf instanceof ActivationLayer activation
          && Activations.isIdentity(activation.getActivationFn())) {
        tensors.put(vertex.getVertexIndex(), in);
      } else if (conf instanceof SubsamplingLayer pooling) {
        operate(vertex, Pooling.of(plan, in, pooling));
      } else if (conf instanceof GlobalPoolingLayer pooling) {
        addGlobalPooling(vertex, in, pooling);
      } else if (conf instanceof OutputLayer out) {
        addOutput(vertex, out, layer);
      } else {
        throw new UnsupportedNetworkException(
            "layer %s of kind %s".formatted(conf.getLayerName(), conf.getClass().getSimpleName()));
      }
    }

    private void addGlobalPooling(LayerVertex vertex, Tensor in, GlobalPoolingLayer conf) {
      int[] dims = conf.getPoolingDimensions();
      boolean spatial = dims == null || (dims.length == 2 && dims[0] == 2 && dims[1] == 3);
      if (!spatial || !conf.isCollapseDimensions() || in.dims().length != 4) {
        throw new UnsupportedNetworkException("a global pooling over anything but the whole image");
      }
      Pooling pooling = Pooling.global(plan, in, conf.getPoolingType());
      operations.add(pooling);
      Rows flat = new Rows(plan, pooling.output());
      operate(vertex, flat);
      rows.put(vertex.getVertexIndex(), flat);
    }

    /**
     * The network's output layer, reading the rows of a global pooling, or a dense layer's rows
     * brought into ND4J arrays for it.
     */
    private void addOutput(LayerVertex vertex, OutputLayer conf, Layer layer) {
      if (!net.getConfiguration().getNetworkOutputs().contains(vertex.getVertexName())) {
        throw new UnsupportedNetworkException("an output layer inside the network");
      }
      Rows in = rows.get(vertex.getInputVertices()[0].getVertexIndex());
      if (in == null) {
        Tensor features = layerInput(vertex);
        if (features.dims().length != 2) {
          throw new UnsupportedNetworkException("an output layer reading images");
        }
        in = new Rows(plan, features);
        operations.add(in);
      } else if (vertex.getLayerPreProcessor() != null) {
        throw new UnsupportedNetworkException("a preprocessor before the output layer");
      }
      output = new Output(plan, in, conf, parameters(layer));
      operations.add(output);
      tensors.put(vertex.getVertexIndex(), in.output());
    }

    /**
     * The ReLU activation layer that is a batch normalisation's only reader, which the batch
     * normalisation can take in; null where there is none.
     */
    private GraphVertex reluAfter(LayerVertex vertex) {
      VertexIndices[] readers = vertex.getOutputVertices();
      if (readers == null || readers.length != 1) {
        return null;
      }
      GraphVertex reader = vertices[readers[0].getVertexIndex()];
      boolean relu =
          reader instanceof LayerVertex layerVertex
              && layerVertex.getLayerPreProcessor() == null
              && layerVertex.getLayer().conf().getLayer() instanceof ActivationLayer activation
              && Activations.isRelu(activation.getActivationFn());
      return relu ? reader : null;
    }

    private void operate(GraphVertex vertex, Operation op) {
      operations.add(op);
      tensors.put(vertex.getVertexIndex(), op.output());
    }

    /** The one tensor a layer reads, the network's input brought into image shape included. */
    private Tensor layerInput(LayerVertex vertex) {
      VertexIndices[] in = vertex.getInputVertices();
      if (in.length != 1) {
        throw new UnsupportedNetworkException("a layer of several inputs");
      }
      GraphVertex source = vertices[in[0].getVertexIndex()];
      if (!source.isInputVertex()) {
        if (vertex.getLayerPreProcessor() != null) {
          throw new UnsupportedNetworkException(
              "a preprocessor inside the network before " + vertex.getVertexName());
        }
        return tensor(source);
      }
      long[] dims = inputDims(vertex);
      if (inputDims == null) {
        inputDims = dims;
        input = Dnnl.unbound(Dnnl.plain(dims));
        tensors.put(source.getVertexIndex(), new Tensor(input, false));
      } else if (!Arrays.equals(inputDims, dims)) {
        throw new UnsupportedNetworkException("layers that read the input in different shapes");
      }
      return tensors.get(source.getVertexIndex());
    }

    /**
     * The dimensions of the network's input as a layer reading it takes it: images brought into
     * shape by the layer's preprocessor, or rows of features for a dense layer.
     */
    private long[] inputDims(LayerVertex vertex) {
      org.deeplearning4j.nn.conf.layers.Layer conf = vertex.getLayer().conf().getLayer();
      if (vertex.getLayerPreProcessor() instanceof FeedForwardToCnnPreProcessor images) {
        return new long[] {
          batch, images.getNumChannels(), images.getInputHeight(), images.getInputWidth()
        };
      }
      if (vertex.getLayerPreProcessor() == null && conf instanceof DenseLayer dense) {
        return new long[] {batch, dense.getNIn()};
      }
      throw new UnsupportedNetworkException("a network whose input is neither images nor rows");
    }

    private List<Tensor> inputs(GraphVertex vertex) {
      List<Tensor> in = new ArrayList<>();
      for (VertexIndices index : vertex.getInputVertices()) {
        in.add(tensor(vertices[index.getVertexIndex()]));
      }
      return in;
    }

    private Tensor tensor(GraphVertex vertex) {
      Tensor tensor = tensors.get(vertex.getVertexIndex());
      if (tensor == null) {
        throw new UnsupportedNetworkException("vertex " + vertex.getVertexName() + " as an input");
      }
      return tensor;
    }

    /** The layer's parameters, and their gradients registered for DL4J's updater. */
    private Parameters parameters(Layer layer) {
      Parameters parameters = Parameters.of(layer);
      for (Map.Entry<String, INDArray> entry : parameters.gradients().entrySet()) {
        gradient.setGradientFor(parameters.layer() + "_" + entry.getKey(), entry.getValue());
      }
      return parameters;
    }
  }
}
