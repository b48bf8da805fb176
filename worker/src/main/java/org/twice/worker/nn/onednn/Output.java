package org.twice.worker.nn.onednn;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The network's output layer, through ND4J as DL4J's layer computes it: the dense pre-activations z
 * = x W + b, the layer's loss function for the score and for the gradient with respect to z, and
 * from that the gradients of W, b and x. Its input is {@link Rows}; the labels come with each step.
 */
final class Output implements Operation {
  private final Rows input;
  private final OutputLayer conf;
  private final Parameters parameters;
  private final INDArray z;
  private INDArray labels;
  private INDArray delta;
  private double score;

  Output(Plan plan, Rows input, OutputLayer conf, Parameters parameters) {
    if (conf.getClass() != OutputLayer.class) {
      throw new UnsupportedNetworkException(
          "an output layer of kind " + conf.getClass().getSimpleName());
    }
    Layers.checkPlain(conf);
    this.input = input;
    this.conf = conf;
    this.parameters = parameters;
    INDArray x = input.values();
    if (x.size(1) != conf.getNIn()) {
      throw new UnsupportedNetworkException(
          "an output layer of %d inputs after %d features".formatted(conf.getNIn(), x.size(1)));
    }
    z = Nd4j.create(DataType.FLOAT, x.size(0), conf.getNOut());
    input.output().read();
    plan.forward(stream -> forward());
  }

  /** The labels of the next step, one row per image. */
  void labels(INDArray labels) {
    if (labels.rank() != 2 || labels.size(0) != z.size(0) || labels.size(1) != z.size(1)) {
      throw new IllegalArgumentException(
          "labels of shape %s for an output of shape %s"
              .formatted(Arrays.toString(labels.shape()), Arrays.toString(z.shape())));
    }
    this.labels = labels;
  }

  /** The loss of the last step, averaged over its images; without the regularisation. */
  double score() {
    return score;
  }

  @Override
  public Tensor output() {
    return input.output();
  }

  @Override
  public void planBackward(Plan plan) {
    INDArray inputGradient = input.output().needsGradient() ? input.gradient() : null;
    plan.backward(stream -> backward(inputGradient));
  }

  private void forward() {
    INDArray weights = parameters.values().get(DefaultParamInitializer.WEIGHT_KEY);
    Nd4j.gemm(input.values(), weights, z, false, false, 1.0, 0.0);
    if (conf.hasBias()) {
      z.addiRowVector(parameters.values().get(DefaultParamInitializer.BIAS_KEY));
    }
    ILossFunction loss = conf.getLossFn();
    score = loss.computeScore(labels, z, conf.getActivationFn(), null, false) / z.size(0);
    delta = loss.computeGradient(labels, z, conf.getActivationFn(), null);
  }

  private void backward(INDArray inputGradient) {
    Nd4j.gemm(
        input.values(),
        delta,
        parameters.gradients().get(DefaultParamInitializer.WEIGHT_KEY),
        true,
        false,
        1.0,
        0.0);
    if (conf.hasBias()) {
      delta.sum(parameters.gradients().get(DefaultParamInitializer.BIAS_KEY), 0);
    }
    if (inputGradient != null) {
      INDArray weights = parameters.values().get(DefaultParamInitializer.WEIGHT_KEY);
      Nd4j.gemm(delta, weights, inputGradient, false, true, 1.0, 0.0);
    }
  }
}
