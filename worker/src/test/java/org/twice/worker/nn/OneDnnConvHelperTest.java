package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The oneDNN convolutions against libnd4j's, which DL4J's own native helper runs, over geometries
 * the networks use and some they might: strides that leave a remainder, DL4J's Same mode, layers
 * without bias, a batch of another size through the same helper, and an input that is a strided
 * view. Outputs and all three gradients agree up to float rounding; a layer told to skip the
 * input's gradient still gets the same weight and bias gradients.
 */
class OneDnnConvHelperTest {
  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

  @ParameterizedTest
  @CsvSource({
    "1, 16, 28, 3, 1, 1, Truncate, true",
    "3, 8, 32, 3, 2, 1, Truncate, false",
    "8, 8, 9, 3, 2, 0, Truncate, true",
    "4, 6, 7, 2, 2, 0, Same, true",
    "5, 4, 10, 1, 2, 0, Truncate, false",
  })
  void agreesWithLibnd4jsConvolution(
      int in, int out, int size, int k, int stride, int pad, ConvolutionMode mode, boolean bias) {
    Conv conv = new Conv(in, out, k, stride, pad, mode, bias);
    OneDnnConvHelper helper = new OneDnnConvHelper(DataType.FLOAT);
    MKLDNNConvHelper reference = new MKLDNNConvHelper(DataType.FLOAT);

    for (int batch : new int[] {6, 3}) {
      INDArray x = Nd4j.rand(DataType.FLOAT, batch, in, size, size).subi(0.5);
      Result actual = conv.run(helper, x);
      Result expected = conv.run(reference, x);

      assertClose(actual.output(), expected.output());
      assertClose(actual.weightGradient(), expected.weightGradient());
      assertClose(actual.inputGradient(), expected.inputGradient());
      if (bias) {
        assertClose(actual.biasGradient(), expected.biasGradient());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 8, 12", "3, 4, 10"})
  void skippingTheInputGradientKeepsTheWeightGradients(int in, int out, int size) {
    Conv conv = new Conv(in, out, 3, 1, 1, ConvolutionMode.Truncate, true);
    OneDnnConvHelper skipping = new OneDnnConvHelper(DataType.FLOAT);
    skipping.skipInputGradient();
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, in, size, size);

    Result actual = conv.run(skipping, x);
    Result expected = conv.run(new MKLDNNConvHelper(DataType.FLOAT), x);

    assertClose(actual.weightGradient(), expected.weightGradient());
    assertClose(actual.biasGradient(), expected.biasGradient());
    assertThat(actual.inputGradient().amaxNumber().doubleValue()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"3, 8, 11"})
  void readsStridedViews(int in, int out, int size) {
    Conv conv = new Conv(in, out, 3, 1, 1, ConvolutionMode.Same, true);
    INDArray channelsLast = Nd4j.rand(DataType.FLOAT, 4, size, size, in);
    INDArray view = channelsLast.permute(0, 3, 1, 2);

    Result actual = conv.run(new OneDnnConvHelper(DataType.FLOAT), view);
    Result expected = conv.run(new MKLDNNConvHelper(DataType.FLOAT), view.dup('c'));

    assertClose(actual.output(), expected.output());
    assertClose(actual.weightGradient(), expected.weightGradient());
    assertClose(actual.inputGradient(), expected.inputGradient());
  }

  private static void assertClose(INDArray actual, INDArray expected) {
    double scale = expected.amaxNumber().doubleValue();
    double difference = actual.sub(expected).amaxNumber().doubleValue();
    assertThat(difference).isLessThanOrEqualTo(1e-5 * scale + 1e-6);
  }

  private record Result(
      INDArray output, INDArray weightGradient, INDArray biasGradient, INDArray inputGradient) {}

  /** One layer's parameters, with weights and bias as views into one array as DL4J keeps them. */
  private static final class Conv {
    final int[] kernel;
    final int[] stride;
    final int[] pad;
    final ConvolutionMode mode;
    final INDArray weights;
    final INDArray bias;
    final int out;

    Conv(int in, int out, int k, int stride, int pad, ConvolutionMode mode, boolean hasBias) {
      this.kernel = new int[] {k, k};
      this.stride = new int[] {stride, stride};
      this.pad = new int[] {pad, pad};
      this.mode = mode;
      this.out = out;
      long weightCount = (long) out * in * k * k;
      INDArray params = Nd4j.rand(DataType.FLOAT, 1, out + weightCount).subi(0.5);
      bias = hasBias ? params.get(interval(0, out)).reshape(1, out) : null;
      weights = params.get(interval(out, out + weightCount)).reshape('c', out, in, k, k);
    }

    Result run(MKLDNNConvHelper helper, INDArray x) {
      INDArray z =
          helper.preOutput(
              x,
              weights,
              bias,
              kernel,
              stride,
              pad,
              AlgoMode.PREFER_FASTEST,
              null,
              mode,
              new int[] {1, 1},
              CNN2DFormat.NCHW,
              NO_WORKSPACES);
      INDArray output = z.dup();
      Nd4j.getRandom().setSeed(3);
      INDArray delta = Nd4j.rand(DataType.FLOAT, z.shape()).subi(0.5);
      INDArray weightGradient = Nd4j.create(DataType.FLOAT, weights.shape());
      INDArray biasGradient = bias == null ? null : Nd4j.create(DataType.FLOAT, 1, out);

      Pair<Gradient, INDArray> gradients =
          helper.backpropGradient(
              x,
              weights,
              bias,
              delta,
              kernel,
              stride,
              pad,
              biasGradient,
              weightGradient,
              new ActivationIdentity(),
              AlgoMode.PREFER_FASTEST,
              null,
              null,
              mode,
              new int[] {1, 1},
              CNN2DFormat.NCHW,
              NO_WORKSPACES);
      return new Result(output, weightGradient, biasGradient, gradients.getSecond());
    }

    private static INDArrayIndex[] interval(long from, long to) {
      return new INDArrayIndex[] {NDArrayIndex.point(0), NDArrayIndex.interval(from, to)};
    }
  }
}
