package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The flat batch normalisation against a plain double-precision one written out here: outputs and
 * batch statistics, and gradients against central differences of a scalar loss, on an odd-sized
 * batch whose channel means lie far from zero.
 */
class FlatBatchNormHelperTest {
  private static final int N = 4;
  private static final int C = 3;
  private static final int H = 5;
  private static final int W = 7;
  private static final double EPS = 1e-5;

  private final Random random = new Random(5);
  private final double[] x = values(N * C * H * W, 40, 3);
  private final double[] gamma = values(C, 1, 0.5);
  private final double[] beta = values(C, 0, 0.5);
  private final double[] upstream = values(N * C * H * W, 0, 1);

  @Test
  void normalisesEachChannelWithTheBatchStatistics() {
    FlatBatchNormHelper helper = new FlatBatchNormHelper(DataType.FLOAT);

    INDArray out = forward(helper, array(x, N, C, H, W), true);

    double[] expected = reference(x);
    float[] actual = out.ravel().toFloatVector();
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-3));
    }
    for (int c = 0; c < C; c++) {
      assertThat(helper.getMeanCache(DataType.FLOAT).getDouble(c))
          .isCloseTo(mean(x, c), within(1e-3));
      assertThat(helper.getVarCache(DataType.FLOAT).getDouble(c))
          .isCloseTo(variance(x, c), within(1e-3 * variance(x, c)));
    }
  }

  @Test
  void gradientsMatchCentralDifferences() {
    FlatBatchNormHelper helper = new FlatBatchNormHelper(DataType.FLOAT);
    INDArray input = array(x, N, C, H, W);
    forward(helper, input, true);
    INDArray dGamma = Nd4j.create(DataType.FLOAT, 1, C);
    INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, C);

    Pair<Gradient, INDArray> result =
        helper.backpropGradient(
            input,
            array(upstream, N, C, H, W),
            new long[] {N, C, H, W},
            array(gamma, 1, C),
            array(beta, 1, C),
            dGamma,
            dBeta,
            EPS,
            CNN2DFormat.NCHW,
            LayerWorkspaceMgr.noWorkspaces());

    float[] dx = result.getSecond().ravel().toFloatVector();
    double[] numeric = new double[x.length];
    double scale = 0;
    for (int i = 0; i < x.length; i++) {
      numeric[i] = numericInputGradient(i);
      scale = Math.max(scale, Math.abs(numeric[i]));
    }
    for (int i = 0; i < x.length; i++) {
      assertThat((double) dx[i]).isCloseTo(numeric[i], within(2e-3 * scale));
    }
    for (int c = 0; c < C; c++) {
      assertThat(dGamma.getDouble(0, c)).isCloseTo(numericGammaGradient(c), within(1e-2));
      assertThat(dBeta.getDouble(0, c)).isCloseTo(numericBetaGradient(c), within(1e-2));
    }
  }

  @Test
  void channelsLastAndInferenceTakeTheNativeHelpersPath() {
    INDArray channelsLast = array(x, N, C, H, W).permute(0, 2, 3, 1).dup('c');

    for (boolean training : new boolean[] {true, false}) {
      INDArray flat =
          forward(
              new FlatBatchNormHelper(DataType.FLOAT), channelsLast, training, CNN2DFormat.NHWC);
      INDArray nativeOut =
          forward(
              new MKLDNNBatchNormHelper(DataType.FLOAT), channelsLast, training, CNN2DFormat.NHWC);

      assertThat(flat.equalsWithEps(nativeOut, 1e-6)).isTrue();
    }
  }

  private INDArray forward(MKLDNNBatchNormHelper helper, INDArray input, boolean training) {
    return forward(helper, input, training, CNN2DFormat.NCHW);
  }

  private INDArray forward(
      MKLDNNBatchNormHelper helper, INDArray input, boolean training, CNN2DFormat format) {
    return helper.preOutput(
        input,
        training,
        input.shape(),
        array(gamma, 1, C),
        array(beta, 1, C),
        Nd4j.zeros(DataType.FLOAT, 1, C),
        Nd4j.ones(DataType.FLOAT, 1, C),
        0.9,
        EPS,
        format,
        LayerWorkspaceMgr.noWorkspaces());
  }

  /** The loss sum(upstream * y) and its derivatives by central differences, in doubles. */
  private double loss(double[] input, double[] g, double[] b) {
    double[] y = normalise(input, g, b);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += upstream[i] * y[i];
    }
    return sum;
  }

  private double numericInputGradient(int i) {
    return centralDifference(x, i, v -> loss(v, gamma, beta));
  }

  private double numericGammaGradient(int c) {
    return centralDifference(gamma, c, v -> loss(x, v, beta));
  }

  private double numericBetaGradient(int c) {
    return centralDifference(beta, c, v -> loss(x, gamma, v));
  }

  /** The derivative of the loss with respect to values[i], by a central difference. */
  private static double centralDifference(double[] values, int i, ToDoubleFunction<double[]> loss) {
    double h = 1e-4;
    double[] plus = values.clone();
    double[] minus = values.clone();
    plus[i] += h;
    minus[i] -= h;
    return (loss.applyAsDouble(plus) - loss.applyAsDouble(minus)) / (2 * h);
  }

  private double[] reference(double[] input) {
    return normalise(input, gamma, beta);
  }

  private static double[] normalise(double[] input, double[] g, double[] b) {
    double[] y = new double[input.length];
    for (int c = 0; c < C; c++) {
      double m = mean(input, c);
      double std = Math.sqrt(variance(input, c) + EPS);
      for (int n = 0; n < N; n++) {
        for (int s = 0; s < H * W; s++) {
          int i = index(n, c, s);
          y[i] = (input[i] - m) / std * g[c] + b[c];
        }
      }
    }
    return y;
  }

  private static double mean(double[] input, int c) {
    double sum = 0;
    for (int n = 0; n < N; n++) {
      for (int s = 0; s < H * W; s++) {
        sum += input[index(n, c, s)];
      }
    }
    return sum / (N * H * W);
  }

  /** The biased variance, as batch normalisation divides by it. */
  private static double variance(double[] input, int c) {
    double m = mean(input, c);
    double sum = 0;
    for (int n = 0; n < N; n++) {
      for (int s = 0; s < H * W; s++) {
        double d = input[index(n, c, s)] - m;
        sum += d * d;
      }
    }
    return sum / (N * H * W);
  }

  private static int index(int n, int c, int s) {
    return (n * C + c) * H * W + s;
  }

  private double[] values(int count, double centre, double spread) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = centre + spread * random.nextGaussian();
    }
    return v;
  }

  private static INDArray array(double[] values, long... shape) {
    return Nd4j.create(values, shape, DataType.DOUBLE).castTo(DataType.FLOAT);
  }
}
