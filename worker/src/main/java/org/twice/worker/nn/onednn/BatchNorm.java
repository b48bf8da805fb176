package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.nn.DenseArrays;

/**
 * Batch normalisation in training over the batch's statistics, with a learned scale and shift, and
 * with the ReLU that follows it fused in where the network has one there. The batch's mean and
 * (biased) variance also move the layer's running averages as DL4J moves them: through the gradient
 * array, whose entries for the averages hold the change the updater subtracts, {@code (1 - decay)
 * (average - batch)} for the mean and, for the log10 of the standard deviation DL4J keeps by
 * default, the difference of the logs.
 */
final class BatchNorm implements Operation {
  private static final double HALF_LOG10_E = 1 / (2 * Math.log(10));

  private final Tensor input;
  private final Tensor output;
  private final BatchNormalization conf;
  private final Parameters parameters;
  private final batch_normalization_forward.primitive_desc forward;
  private final int flags;
  private final memory scale;
  private final memory shift;
  private final memory mean;
  private final memory variance;
  private final memory workspace;
  private final INDArray batchMean;
  private final INDArray batchVariance;
  private final Averages averages;

  BatchNorm(Plan plan, Tensor input, BatchNormalization conf, Parameters parameters, boolean relu) {
    check(conf, input);
    this.input = input;
    this.conf = conf;
    this.parameters = parameters;
    long channels = input.dim(1);
    flags =
        dnnl.normalization_flags.use_scale.value
            | dnnl.normalization_flags.use_shift.value
            | (relu ? dnnl.normalization_flags.fuse_norm_relu.value : 0);
    forward =
        new batch_normalization_forward.primitive_desc(
            new batch_normalization_forward.desc(
                dnnl.prop_kind.forward_training.value, input.desc(), (float) conf.getEps(), flags),
            Dnnl.ENGINE);
    scale = Dnnl.bound(parameters.value(BatchNormalizationParamInitializer.GAMMA), channels);
    shift = Dnnl.bound(parameters.value(BatchNormalizationParamInitializer.BETA), channels);
    batchMean = Nd4j.create(DataType.FLOAT, channels);
    batchVariance = Nd4j.create(DataType.FLOAT, channels);
    mean = Dnnl.bound(batchMean, channels);
    averages = new Averages(parameters);
    variance = Dnnl.bound(batchVariance, channels);
    workspace = relu ? Dnnl.allocate(forward.workspace_desc()) : null;
    output = Tensor.allocated(forward.dst_desc(), true);
    input.read();
    plan.forward(
        new batch_normalization_forward(forward),
        DNNL_ARG_SRC,
        input.value(),
        DNNL_ARG_SCALE,
        scale,
        DNNL_ARG_SHIFT,
        shift,
        DNNL_ARG_MEAN,
        mean,
        DNNL_ARG_VARIANCE,
        variance,
        DNNL_ARG_DST,
        output.value(),
        DNNL_ARG_WORKSPACE,
        workspace);
  }

  @Override
  public Tensor output() {
    return output;
  }

  @Override
  public void planBackward(Plan plan) {
    batch_normalization_backward.primitive_desc pd =
        new batch_normalization_backward.primitive_desc(
            new batch_normalization_backward.desc(
                dnnl.prop_kind.backward.value,
                output.desc(),
                input.desc(),
                (float) conf.getEps(),
                flags),
            Dnnl.ENGINE,
            forward);
    memory share = input.needsGradient() ? input.share() : Dnnl.allocate(input.desc());
    plan.backward(
        new batch_normalization_backward(pd),
        DNNL_ARG_SRC,
        input.value(),
        DNNL_ARG_MEAN,
        mean,
        DNNL_ARG_VARIANCE,
        variance,
        DNNL_ARG_SCALE,
        scale,
        DNNL_ARG_SHIFT,
        shift,
        DNNL_ARG_DIFF_DST,
        output.gradient(plan),
        DNNL_ARG_DIFF_SRC,
        share,
        DNNL_ARG_DIFF_SCALE,
        Dnnl.bound(parameters.gradient(BatchNormalizationParamInitializer.GAMMA), input.dim(1)),
        DNNL_ARG_DIFF_SHIFT,
        Dnnl.bound(parameters.gradient(BatchNormalizationParamInitializer.BETA), input.dim(1)),
        DNNL_ARG_WORKSPACE,
        workspace);
    plan.backward(stream -> moveAverages());
  }

  /**
   * Writes the running averages' changes into their gradient entries, as DL4J's layer does; on the
   * Java side, as a few hundred values do not pay for a dozen ND4J calls.
   */
  private void moveAverages() {
    double decay = conf.getDecay();
    float[] mean = batchMean.data().asFloat();
    float[] variance = batchVariance.data().asFloat();
    float[] average = averages.read(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    float[] change = new float[mean.length];
    for (int c = 0; c < change.length; c++) {
      change[c] = (float) ((average[c] - mean[c]) * (1 - decay));
    }
    averages.writeChange(BatchNormalizationParamInitializer.GLOBAL_MEAN, change);
    if (conf.isUseLogStd()) {
      float[] log10Std = averages.read(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
      for (int c = 0; c < change.length; c++) {
        double before = Math.pow(10, 2.0 * log10Std[c]);
        double after = before * decay + variance[c] * (1 - decay);
        change[c] = (float) (Math.log(before / after) * HALF_LOG10_E);
      }
      averages.writeChange(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, change);
    } else {
      float[] averageVariance = averages.read(BatchNormalizationParamInitializer.GLOBAL_VAR);
      for (int c = 0; c < change.length; c++) {
        change[c] = (float) ((averageVariance[c] - variance[c]) * (1 - decay));
      }
      averages.writeChange(BatchNormalizationParamInitializer.GLOBAL_VAR, change);
    }
  }

  private static void check(BatchNormalization conf, Tensor input) {
    if (input.dims().length != 4 || conf.getCnn2DFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedNetworkException(
          "a batch normalisation of anything but channels-first images");
    }
    if (conf.isLockGammaBeta()) {
      throw new UnsupportedNetworkException("a batch normalisation with a fixed scale and shift");
    }
    Layers.checkPlain(conf);
  }

  /** The running averages and their gradient entries, read and written in place. */
  private record Averages(Parameters parameters) {
    float[] read(String key) {
      INDArray average = parameters.value(key);
      float[] values = new float[Math.toIntExact(average.length())];
      new FloatPointer(DenseArrays.address(average)).get(values);
      return values;
    }

    void writeChange(String key, float[] change) {
      new FloatPointer(DenseArrays.address(parameters.gradient(key))).put(change);
    }
  }
}
