package org.twice.worker.nn;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns each step of a network's optimizer into a step of sharpness-aware minimisation (SAM). DL4J
 * computes the gradient g at the weights w and then asks its listeners before the updater turns the
 * gradient into a step; this listener moves the weights to w + rho g / |g|, computes the gradient
 * there on the same minibatch, moves the weights back to w and leaves that second gradient for the
 * updater, which steps from w with it (with momentum and weight decay at w).
 *
 * <p>Batch norm's running means and variances are not weights: DL4J updates them through the
 * gradient array, so they are left out of the move and keep the values computed at w, exactly as
 * without SAM. Not thread-safe; one instance serves one network.
 */
final class SharpnessAwareStep extends BaseTrainingListener {
  private final double rho;
  private INDArray trainable;
  private INDArray statistics;

  SharpnessAwareStep(double rho) {
    this.rho = rho;
  }

  @Override
  public void onGradientCalculation(Model model) {
    ComputationGraph net = (ComputationGraph) model;
    INDArray params = net.params();
    INDArray gradient = net.getFlattenedGradients();
    INDArray mask = trainable(net);
    INDArray first = gradient.dup();
    INDArray direction = first.mul(mask);
    double norm = direction.norm2Number().doubleValue();
    if (norm == 0) {
      return;
    }

    INDArray weights = params.dup();
    params.addi(direction.muli(rho / norm).reshape(params.shape()));
    net.computeGradientAndScore();
    params.assign(weights);

    gradient.muli(mask).addi(first.muli(statistics));
  }

  /** 1 for every weight, 0 for the batch norm statistics, shaped like the flat gradient. */
  private INDArray trainable(ComputationGraph net) {
    if (trainable == null) {
      INDArray params = net.params();
      float[] mask = new float[Math.toIntExact(params.length())];
      Arrays.fill(mask, 1f);
      for (Layer layer : net.getLayers()) {
        for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
          if (isStatistic(param.getKey())) {
            int from = Math.toIntExact(param.getValue().offset() - params.offset());
            Arrays.fill(mask, from, from + Math.toIntExact(param.getValue().length()), 0f);
          }
        }
      }
      trainable = Nd4j.create(mask, net.getFlattenedGradients().shape(), 'c');
      statistics = trainable.rsub(1.0);
    }
    return trainable;
  }

  private static boolean isStatistic(String param) {
    return param.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
        || param.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
        || param.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
  }
}
