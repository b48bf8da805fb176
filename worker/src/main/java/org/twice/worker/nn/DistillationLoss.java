package org.twice.worker.nn;

import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The loss of a student network learning from a teacher at temperature T: per example, T^2
 * KL(softmax(teacher / T) || softmax(student / T)), where teacher and student are the two networks'
 * logits, their outputs before the softmax.
 *
 * <p>The labels this loss is given are the teacher's logits, not its probabilities: both log-
 * softmaxes are computed from logits with the largest one subtracted first, so no probability that
 * rounds to 0 is ever passed to a logarithm. The loss ignores the output layer's activation and
 * applies its own softmax at temperature T, so the layer keeps its plain softmax for predictions
 * (the argmax does not depend on T). The gradient with respect to the student's logits is T (p -
 * q), with p and q the softmaxes of student and teacher at T; like DL4J's own losses it is not
 * divided by the minibatch size, which the updater does. Stateless apart from T, so thread-safe.
 */
public final class DistillationLoss implements ILossFunction {
  private static final long serialVersionUID = 1L;

  private final double temperature;

  /**
   * @throws IllegalArgumentException unless the temperature is positive and finite
   */
  public DistillationLoss(@JsonProperty("temperature") double temperature) {
    if (!(temperature > 0 && Double.isFinite(temperature))) {
      throw new IllegalArgumentException(
          "temperature must be positive and finite, got " + temperature);
    }
    this.temperature = temperature;
  }

  public double getTemperature() {
    return temperature;
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
    double sum = computeScoreArray(labels, preOutput, activation, mask).sumNumber().doubleValue();
    return average ? sum / preOutput.size(0) : sum;
  }

  /** The loss of each example, as a column. */
  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
    checkShapes(labels, preOutput);
    INDArray teacher = logSoftmax(labels);
    INDArray student = logSoftmax(preOutput);
    INDArray terms = Transforms.exp(teacher, true).muli(teacher.sub(student));
    terms.muli(temperature * temperature);
    if (mask != null) {
      LossUtil.applyMask(terms, mask);
    }
    return terms.sum(true, 1);
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
    checkShapes(labels, preOutput);
    INDArray student = Transforms.exp(logSoftmax(preOutput), false);
    INDArray teacher = Transforms.exp(logSoftmax(labels), false);
    INDArray gradient = student.subi(teacher).muli(temperature);
    if (mask != null) {
      LossUtil.applyMask(gradient, mask);
    }
    return gradient;
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
    return new Pair<>(
        computeScore(labels, preOutput, activation, mask, average),
        computeGradient(labels, preOutput, activation, mask));
  }

  @Override
  public String name() {
    return toString();
  }

  @Override
  public String toString() {
    return "DistillationLoss(temperature=" + temperature + ")";
  }

  /** log softmax(logits / T) of each row, a new array. */
  private INDArray logSoftmax(INDArray logits) {
    INDArray scaled = logits.div(temperature);
    scaled.subiColumnVector(scaled.max(true, 1));
    INDArray normaliser = Transforms.log(Transforms.exp(scaled, true).sum(true, 1), false);
    return scaled.subiColumnVector(normaliser);
  }

  private static void checkShapes(INDArray labels, INDArray preOutput) {
    if (!labels.equalShapes(preOutput)) {
      throw new IllegalArgumentException(
          "teacher logits of shape %s for student logits of shape %s"
              .formatted(Arrays.toString(labels.shape()), Arrays.toString(preOutput.shape())));
    }
  }
}
