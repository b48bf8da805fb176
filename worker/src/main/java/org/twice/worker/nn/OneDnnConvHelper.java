package org.twice.worker.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.onednn.Dnnl;

/**
 * A convolution layer's helper that runs its channels-first float convolutions as oneDNN primitives
 * of its own ({@link OneDnnConv}) rather than through libnd4j's {@code conv2d} ops, which embed an
 * older oneDNN: those plan every call for inference, pick Winograd kernels for the input's gradient
 * even of a one-channel image, and reorder the output's gradient into the same blocked layout
 * twice. Planned once per input shape and for training, the three cnn16 convolutions of a step take
 * about half as long (docs/performance.md).
 *
 * <p>A layer that reads the network's input ({@link NativeLayers} tells it) leaves the gradient
 * with respect to that input out: nothing reads it, and for a first layer of one or three channels
 * oneDNN computes it slowly. Its backward pass then returns zeros, which DL4J hands to the input's
 * preprocessor and drops. Channels-last input, dilation and other data types take libnd4j's path,
 * as before. One instance serves one layer on one thread at a time.
 */
class OneDnnConvHelper extends MKLDNNConvHelper {

  private final Map<List<Long>, OneDnnConv> plans = new HashMap<>();
  private boolean inputGradient = true;

  OneDnnConvHelper(DataType type) {
    super(type);
  }

  /** Leaves the gradient with respect to the layer's input out of its backward pass. */
  void skipInputGradient() {
    inputGradient = false;
  }

  @Override
  public INDArray preOutput(
      INDArray input,
      INDArray weights,
      INDArray bias,
      int[] kernel,
      int[] strides,
      int[] pad,
      AlgoMode mode,
      FwdAlgo forwardAlgorithm,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaces) {
    if (!suits(input, weights, dilation, format)) {
      return super.preOutput(
          input,
          weights,
          bias,
          kernel,
          strides,
          pad,
          mode,
          forwardAlgorithm,
          convolutionMode,
          dilation,
          format,
          workspaces);
    }
    INDArray in = DenseArrays.dense(input);
    ConvGeometry g = ConvGeometry.of(in, weights, kernel, strides, pad, convolutionMode);
    boolean hasBias = present(bias, g);
    OneDnnConv plan = plan(g, hasBias);

    INDArray out =
        workspaces.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, g.outputShape());
    plan.forward(
        Dnnl.stream(),
        in,
        DenseArrays.dense(weights),
        hasBias ? DenseArrays.dense(bias) : null,
        out);
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray input,
      INDArray weights,
      INDArray bias,
      INDArray delta,
      int[] kernel,
      int[] strides,
      int[] pad,
      INDArray biasGradView,
      INDArray weightGradView,
      IActivation activation,
      AlgoMode mode,
      BwdFilterAlgo bwdFilterAlgo,
      BwdDataAlgo bwdDataAlgo,
      ConvolutionMode convolutionMode,
      int[] dilation,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaces) {
    if (!suits(input, weights, dilation, format) || !writable(weightGradView, biasGradView)) {
      return super.backpropGradient(
          input,
          weights,
          bias,
          delta,
          kernel,
          strides,
          pad,
          biasGradView,
          weightGradView,
          activation,
          mode,
          bwdFilterAlgo,
          bwdDataAlgo,
          convolutionMode,
          dilation,
          format,
          workspaces);
    }
    INDArray in = DenseArrays.dense(input);
    INDArray d = DenseArrays.dense(delta);
    ConvGeometry g = ConvGeometry.of(in, weights, kernel, strides, pad, convolutionMode);
    boolean hasBias = present(bias, g) && biasGradView != null;
    OneDnnConv plan = plan(g, hasBias);
    stream stream = Dnnl.stream();

    plan.weightGradients(stream, in, d, weightGradView, hasBias ? biasGradView : null);
    INDArray inputGradientArray =
        workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, g.inputShape());
    if (inputGradient) {
      plan.inputGradient(stream, d, DenseArrays.dense(weights), inputGradientArray);
    } else {
      inputGradientArray.assign(0);
    }

    Gradient gradient = new DefaultGradient();
    if (hasBias) {
      gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
    }
    gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
    return new Pair<>(gradient, inputGradientArray);
  }

  private OneDnnConv plan(ConvGeometry g, boolean hasBias) {
    return plans.computeIfAbsent(
        List.of(g.batch(), g.height(), g.width(), hasBias ? 1L : 0L),
        key -> new OneDnnConv(g, hasBias));
  }

  /** Whether the layer has a bias: one value for each output channel. */
  private static boolean present(INDArray bias, ConvGeometry g) {
    return bias != null && bias.length() == g.outChannels();
  }

  private static boolean suits(
      INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
    return format == CNN2DFormat.NCHW
        && input.rank() == 4
        && input.dataType() == DataType.FLOAT
        && weights.dataType() == DataType.FLOAT
        && dilation[0] == 1
        && dilation[1] == 1;
  }

  /** The gradient views are written in place, so they must be plain c-order arrays. */
  private static boolean writable(INDArray weightGradView, INDArray biasGradView) {
    return DenseArrays.isDense(weightGradView)
        && (biasGradView == null || DenseArrays.isDense(biasGradView));
  }
}
