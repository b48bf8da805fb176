package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.SampleData;

class SharpnessAwareStepTest {
  private static final ImageShape GREY = new ImageShape(1, 28, 28);
  private static final double LEARNING_RATE = 0.05;
  private static final double MOMENTUM = 0.9;

  @Test
  void withRadiusZeroSamTrainsBitForBitLikeSgd() {
    ImageSet train = SampleData.small().train().head(100);

    float[] sgd =
        weights(Trainer.train(mlp(OptimizerKind.SGD, 0), train, train.labels(), 10, f -> {}));
    float[] sam =
        weights(Trainer.train(mlp(OptimizerKind.SAM, 0), train, train.labels(), 10, f -> {}));

    assertThat(sam).containsExactly(sgd);
  }

  @Test
  void withRadiusZeroSamKeepsBatchNormStatisticsLikeSgd() {
    ImageSet train = SampleData.small().train().head(48);
    TrainConfig sgd = new TrainConfig(Architecture.CNN5, 2, OptimizerKind.SGD, 0.01, 1, 16, 5);
    TrainConfig sam = withOptimizer(sgd, OptimizerKind.SAM, 0);

    float[] fromSgd = weights(Trainer.train(sgd, train, train.labels(), 10, f -> {}));
    float[] fromSam = weights(Trainer.train(sam, train, train.labels(), 10, f -> {}));

    assertThat(fromSam).containsExactly(fromSgd);
  }

  @Test
  void samStepsFromTheWeightsWithTheGradientAtThePerturbedPoint() {
    double rho = 0.5;
    DataSet batch = batch(32);
    ComputationGraph sam = Networks.build(mlp(OptimizerKind.SAM, rho), GREY, 10);
    sam.setListeners(new SharpnessAwareStep(rho));
    ComputationGraph sgd = Networks.build(mlp(OptimizerKind.SGD, rho), GREY, 10);
    INDArray start = sgd.params().dup();
    INDArray atStart = gradient(batch, start);
    INDArray perturbed = start.add(atStart.mul(rho / atStart.norm2Number().doubleValue()));
    INDArray atPerturbed = gradient(batch, perturbed);

    sam.fit(batch);
    sgd.fit(batch);

    // DL4J's gradients are sums over the batch, which its updater divides by the batch size. The
    // first step of SGD with Nesterov momentum moves the weights by -(1 + mu) lr (g / B + L2 w),
    // so a step with another gradient differs from SGD's by -(1 + mu) lr (g2 - g1) / B.
    double scale = (1 + MOMENTUM) * LEARNING_RATE / batch.numExamples();
    INDArray expected = sgd.params().sub(atPerturbed.sub(atStart).mul(scale));
    INDArray difference = sam.params().sub(expected);
    INDArray samMinusSgd = sam.params().sub(sgd.params());
    assertThat(difference.amaxNumber().doubleValue()).isLessThan(1e-6);
    assertThat(samMinusSgd.amaxNumber().doubleValue()).isGreaterThan(1e-4);
  }

  /** The gradient of a fresh network at the given weights on a batch. */
  private static INDArray gradient(DataSet batch, INDArray weights) {
    ComputationGraph net = Networks.build(mlp(OptimizerKind.SGD, 0), GREY, 10);
    net.setParams(weights.dup());
    net.setInputs(batch.getFeatures());
    net.setLabels(batch.getLabels());
    net.computeGradientAndScore();
    return net.getFlattenedGradients().dup();
  }

  private static DataSet batch(int size) {
    ImageSet images = SampleData.small().train().head(size);
    return new DataSet(
        Evaluator.rows(images, 0, size), ArchitectureTest.oneHot(images.labels(), 10));
  }

  private static TrainConfig mlp(OptimizerKind optimizer, double rho) {
    TrainConfig base = new TrainConfig(Architecture.MLP, 8, optimizer, LEARNING_RATE, 2, 32, 11);
    return withOptimizer(base, optimizer, rho);
  }

  private static TrainConfig withOptimizer(TrainConfig c, OptimizerKind optimizer, double rho) {
    return new TrainConfig(
        c.architecture(),
        c.width(),
        optimizer,
        c.learningRate(),
        c.epochs(),
        c.batchSize(),
        c.seed(),
        c.schedule(),
        Set.of(),
        rho);
  }

  private static float[] weights(ComputationGraph net) {
    return net.params().toFloatVector();
  }
}
