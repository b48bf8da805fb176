package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer a {@link Dense} configuration makes. DL4J 1.0.0-M2.1's dense layer starts its backward
 * pass by computing its forward product again, to take the activation's derivative at the
 * pre-activations z, and always ends it with the gradient with respect to its input. This one keeps
 * its output from the training forward pass and, when its activation's derivative needs only that
 * ({@link ReusingConvHelper#suits}: the identity and ReLU), takes the derivative there; and a layer
 * reading the network's input ({@link NativeLayers} marks it) leaves the input's gradient out. On
 * the 784-256-10 MLP that is two of its four large matrix products a step. A layer with dropout,
 * weight noise, layer norm or a mask runs DL4J's backward pass unchanged.
 */
public final class DenseTraining extends DenseLayer {
  private boolean inputGradient = true;
  private INDArray forwardInput;
  private INDArray forwardOutput;

  public DenseTraining(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /**
   * The network, its dense layers that read a network input directly told to leave the gradient
   * with respect to it out of their backward pass.
   */
  static ComputationGraph skipInputGradients(ComputationGraph net) {
    for (String name : net.getConfiguration().getNetworkInputs()) {
      VertexIndices[] readers = net.getVertex(name).getOutputVertices();
      for (VertexIndices reader : readers == null ? new VertexIndices[0] : readers) {
        GraphVertex vertex = net.getVertices()[reader.getVertexIndex()];
        if (vertex instanceof LayerVertex layerVertex
            && layerVertex.getLayerPreProcessor() == null
            && layerVertex.getLayer() instanceof DenseTraining dense) {
          dense.inputGradient = false;
        }
      }
    }
    return net;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
    INDArray output = super.activate(training, workspaces);
    boolean keep = training && output.isAttached() && reusable();
    forwardInput = keep ? input : null;
    forwardOutput = keep ? output : null;
    return output;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
    if (!plain()) {
      forget();
      return super.backpropGradient(epsilon, workspaces);
    }
    assertInputSet(true);
    // The activation's derivative is written into z, and the forward output is also the next
    // layer's input, which DL4J reads once more for the score: so it works on a copy of it.
    INDArray z =
        forwardInput == input && forwardOutput != null
            ? workspaces.dup(ArrayType.BP_WORKING_MEM, forwardOutput)
            : preOutput(true, workspaces);
    forget();
    INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();

    Gradient gradient = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      delta.sum(biasGradient, 0);
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
    }
    INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    Nd4j.gemm(
        input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

    INDArray inputGradientArray = null;
    if (inputGradient) {
      INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
      INDArray transposed =
          workspaces.createUninitialized(
              ArrayType.ACTIVATION_GRAD,
              delta.dataType(),
              new long[] {weights.size(0), delta.size(0)},
              'f');
      inputGradientArray = weights.mmuli(delta.transpose(), transposed).transpose();
    }
    return new Pair<>(gradient, inputGradientArray);
  }

  /** The forward output serves the derivative: the identity's ignores it, ReLU's reads its sign. */
  private boolean reusable() {
    return ReusingConvHelper.suits(layerConf().getActivationFn());
  }

  private boolean plain() {
    return layerConf().getIDropout() == null
        && layerConf().getWeightNoise() == null
        && !hasLayerNorm()
        && maskArray == null;
  }

  private void forget() {
    forwardInput = null;
    forwardOutput = null;
  }
}
