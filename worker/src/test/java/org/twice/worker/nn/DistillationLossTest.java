package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistillationLossTest {
  private static final ActivationSoftmax SOFTMAX = new ActivationSoftmax();

  @Test
  void studentWithTheTeachersLogitsHasNoLossAndNoGradient() {
    DistillationLoss loss = new DistillationLoss(30);
    INDArray logits = rows(new double[][] {{3.5, -1, 0.25}, {-7, 2, 2}});

    double score = loss.computeScore(logits, logits.dup(), SOFTMAX, null, true);
    double[][] gradient =
        loss.computeGradient(logits, logits.dup(), SOFTMAX, null).toDoubleMatrix();

    assertThat(score).isCloseTo(0, within(1e-12));
    assertThat(gradient[0]).containsExactly(new double[] {0, 0, 0}, within(1e-12));
    assertThat(gradient[1]).containsExactly(new double[] {0, 0, 0}, within(1e-12));
  }

  @Test
  void twoClassesMatchTheValueWorkedByHand() {
    // T = 2, teacher (2, 0), student (0, 0): q = (e, 1) / (e + 1) = (0.731059, 0.268941) and
    // p = (1/2, 1/2), so KL = q1 ln(2 q1) + q2 ln(2 q2) = 0.110944 and the loss is 4 KL; the
    // gradient is T (p - q) = 2 (-0.231059, 0.231059).
    DistillationLoss loss = new DistillationLoss(2);
    INDArray teacher = rows(new double[][] {{2, 0}});
    INDArray student = rows(new double[][] {{0, 0}});

    double score = loss.computeScore(teacher, student, SOFTMAX, null, true);
    double[] gradient = loss.computeGradient(teacher, student, SOFTMAX, null).toDoubleVector();

    assertThat(score).isCloseTo(0.4437763, within(1e-6));
    assertThat(gradient).containsExactly(new double[] {-0.4621172, 0.4621172}, within(1e-6));
  }

  @Test
  void threeClassesMatchTheValueWorkedByHand() {
    // T = 1, teacher (1, 2, 3), student (3, 2, 1): both normalisers are equal, so ln q - ln p is
    // (-2, 0, 2) and KL = 2 (q3 - q1) with q = (e, e^2, e^3) / Z = (0.090031, 0.244728, 0.665241);
    // the gradient p - q is (q3 - q1, 0, q1 - q3).
    DistillationLoss loss = new DistillationLoss(1);
    INDArray teacher = rows(new double[][] {{1, 2, 3}});
    INDArray student = rows(new double[][] {{3, 2, 1}});

    double score = loss.computeScore(teacher, student, SOFTMAX, null, false);
    double[] gradient = loss.computeGradient(teacher, student, SOFTMAX, null).toDoubleVector();

    assertThat(score).isCloseTo(1.1504208, within(1e-6));
    assertThat(gradient).containsExactly(new double[] {0.5752104, 0, -0.5752104}, within(1e-6));
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    DistillationLoss loss = new DistillationLoss(3);
    Random random = new Random(5);
    INDArray teacher = randomRows(random, 4, 3);
    INDArray student = randomRows(random, 4, 3);
    double step = 1e-6;

    double[][] gradient = loss.computeGradient(teacher, student, SOFTMAX, null).toDoubleMatrix();

    for (int row = 0; row < 4; row++) {
      for (int c = 0; c < 3; c++) {
        INDArray up = student.dup();
        up.putScalar(row, c, student.getDouble(row, c) + step);
        INDArray down = student.dup();
        down.putScalar(row, c, student.getDouble(row, c) - step);
        double numeric =
            (loss.computeScore(teacher, up, SOFTMAX, null, false)
                    - loss.computeScore(teacher, down, SOFTMAX, null, false))
                / (2 * step);
        assertThat(gradient[row][c]).as("row %d class %d", row, c).isCloseTo(numeric, within(1e-6));
      }
    }
  }

  @Test
  void averageDividesByTheNumberOfExamples() {
    DistillationLoss loss = new DistillationLoss(2);
    INDArray teacher = rows(new double[][] {{2, 0}, {2, 0}});
    INDArray student = rows(new double[][] {{0, 0}, {0, 0}});

    double sum = loss.computeScore(teacher, student, SOFTMAX, null, false);
    double mean = loss.computeScore(teacher, student, SOFTMAX, null, true);

    assertThat(sum).isCloseTo(2 * 0.4437763, within(1e-6));
    assertThat(mean).isCloseTo(0.4437763, within(1e-6));
  }

  @Test
  void logitsFarApartInFloatStayFinite() {
    // At T = 1 the teacher's probability of the second class, e^-2000, is 0 in float; the loss is
    // computed from logits and never takes a logarithm of it.
    DistillationLoss loss = new DistillationLoss(1);
    INDArray teacher = Nd4j.create(new float[] {1000f, -1000f}, new long[] {1, 2}, 'c');
    INDArray student = Nd4j.create(new float[] {-1000f, 1000f}, new long[] {1, 2}, 'c');

    double score = loss.computeScore(teacher, student, SOFTMAX, null, true);
    float[] gradient = loss.computeGradient(teacher, student, SOFTMAX, null).toFloatVector();

    assertThat(score).isCloseTo(2000, within(1e-3));
    assertThat(gradient).containsExactly(new float[] {-1, 1}, within(1e-6f));
  }

  @Test
  void temperatureMustBePositiveAndFinite() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new DistillationLoss(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("temperature must be positive and finite");
    }
  }

  private static INDArray rows(double[][] values) {
    return Nd4j.create(values).castTo(DataType.DOUBLE);
  }

  private static INDArray randomRows(Random random, int rows, int columns) {
    double[][] values = new double[rows][columns];
    for (double[] row : values) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextGaussian() * 3;
      }
    }
    return rows(values);
  }
}
