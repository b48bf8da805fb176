package org.twice.worker.nn;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation of channels-first images in training, computed on two flat views of the
 * batch: [N * C, H * W], whose rows are one image's channel, and [N, C * H * W], whose rows are one
 * image. The per-channel sums are a matrix-vector product with a vector of ones over the first view
 * and a sum over N, and every per-channel scale or shift is one row broadcast over the second view,
 * after expanding the C values to C * H * W. Both walk memory in order.
 *
 * <p>libnd4j's own path strides across the batch: its reductions over the axes (0, 2, 3) and its
 * {@code batchnorm_bp} took 14.6 ms for a [64, 16, 32, 32] layer where this takes about 4 (oneDNN's
 * batch norm kernel inside {@code batchnorm_bp} took 1.1 of its 8.4 ms; docs/performance.md).
 *
 * <p>The forward pass caches the batch mean and the biased variance, as the native helper does, for
 * the layer's running averages and for the backward pass, which recomputes the centred input rather
 * than keeping it. Inference, channels-last input and other data types take the native helper's
 * path. One instance serves one layer on one thread.
 */
final class FlatBatchNormHelper extends MKLDNNBatchNormHelper {
  private INDArray mean;
  private INDArray variance;
  private INDArray invStd;
  private boolean flat;

  FlatBatchNormHelper(DataType type) {
    super(type);
  }

  @Override
  public INDArray preOutput(
      INDArray x,
      boolean training,
      long[] shape,
      INDArray gamma,
      INDArray beta,
      INDArray globalMean,
      INDArray globalVariance,
      double decay,
      double eps,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaces) {
    flat = training && suits(x, gamma, beta, format);
    if (!flat) {
      return super.preOutput(
          x,
          training,
          shape,
          gamma,
          beta,
          globalMean,
          globalVariance,
          decay,
          eps,
          format,
          workspaces);
    }
    Dims d = new Dims(x);
    INDArray in = DenseArrays.dense(x);
    cacheStatistics(d, in, eps, workspaces);

    INDArray out = workspaces.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
    INDArray images = d.images(out);
    // gamma * (x - mean) / std + beta as x * scale + shift
    INDArray scale = gamma.reshape(d.c).mul(invStd);
    INDArray shift = beta.reshape(d.c).sub(mean.mul(scale));
    broadcast(new BroadcastMulOp(d.images(in), d.expand(scale), images, 1));
    broadcast(new BroadcastAddOp(images, d.expand(shift), images, 1));
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray input,
      INDArray epsilon,
      long[] shape,
      INDArray gamma,
      INDArray beta,
      INDArray dGammaView,
      INDArray dBetaView,
      double eps,
      CNN2DFormat format,
      LayerWorkspaceMgr workspaces) {
    if (!flat) {
      return super.backpropGradient(
          input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format, workspaces);
    }
    Dims d = new Dims(input);
    INDArray in = DenseArrays.dense(input);
    INDArray dy = DenseArrays.dense(epsilon);
    INDArray ones = d.ones(workspaces, ArrayType.BP_WORKING_MEM);
    INDArray dBeta = d.channelSums(dy, ones, workspaces, ArrayType.BP_WORKING_MEM);

    INDArray centred =
        workspaces.createUninitialized(ArrayType.BP_WORKING_MEM, in.dataType(), in.shape());
    broadcast(new BroadcastSubOp(d.images(in), d.expand(mean), d.images(centred), 1));
    INDArray dx =
        workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape());
    dy.mul(centred, dx);
    INDArray dGamma = d.channelSums(dx, ones, workspaces, ArrayType.BP_WORKING_MEM).muli(invStd);

    // dx = gamma / std * (dy - dBeta / M - xHat * dGamma / M), with xHat = centred / std
    double m = d.m();
    INDArray a = gamma.reshape(d.c).mul(invStd);
    INDArray k = a.mul(invStd).muli(dGamma).divi(m);
    INDArray b = a.mul(dBeta).divi(m);
    broadcast(new BroadcastMulOp(d.images(dy), d.expand(a), d.images(dx), 1));
    broadcast(new BroadcastMulOp(d.images(centred), d.expand(k), d.images(centred), 1));
    broadcast(new BroadcastAddOp(d.images(centred), d.expand(b), d.images(centred), 1));
    dx.subi(centred);

    dGammaView.assign(dGamma.reshape(dGammaView.shape()));
    dBetaView.assign(dBeta.reshape(dBetaView.shape()));
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
    gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
    return new Pair<>(gradient, dx);
  }

  @Override
  public INDArray getMeanCache(DataType dataType) {
    return flat ? mean : super.getMeanCache(dataType);
  }

  @Override
  public INDArray getVarCache(DataType dataType) {
    return flat ? variance : super.getVarCache(dataType);
  }

  /** The batch's per-channel mean and biased variance, and 1 / sqrt(variance + eps). */
  private void cacheStatistics(Dims d, INDArray in, double eps, LayerWorkspaceMgr workspaces) {
    INDArray ones = d.ones(workspaces, ArrayType.FF_WORKING_MEM);
    INDArray batchMean = d.channelSums(in, ones, workspaces, ArrayType.FF_WORKING_MEM).divi(d.m());
    INDArray centred =
        workspaces.createUninitialized(ArrayType.FF_WORKING_MEM, in.dataType(), in.shape());
    broadcast(new BroadcastSubOp(d.images(in), d.expand(batchMean), d.images(centred), 1));
    centred.muli(centred);
    INDArray batchVariance =
        d.channelSums(centred, ones, workspaces, ArrayType.FF_WORKING_MEM).divi(d.m());
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      mean = batchMean.dup();
      variance = batchVariance.dup();
      invStd = Transforms.pow(variance.add(eps), -0.5, false);
    }
  }

  private static boolean suits(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
    return x.rank() == 4
        && format == CNN2DFormat.NCHW
        && x.dataType() == DataType.FLOAT
        && gamma != null
        && beta != null;
  }

  private static void broadcast(BroadcastOp op) {
    Nd4j.getExecutioner().exec(op);
  }

  /** The sizes of one batch and its two flat views. */
  private static final class Dims {
    final long n;
    final long c;
    final long s;

    Dims(INDArray x) {
      n = x.size(0);
      c = x.size(1);
      s = x.size(2) * x.size(3);
    }

    /** Values a channel's statistics average over. */
    double m() {
      return (double) n * s;
    }

    /** [N, C * H * W]: one image a row. */
    INDArray images(INDArray x) {
      return x.reshape(n, c * s);
    }

    /** A column of H * W ones. */
    INDArray ones(LayerWorkspaceMgr workspaces, ArrayType type) {
      return workspaces.createUninitialized(type, DataType.FLOAT, s, 1).assign(1);
    }

    /** Per-channel sums: the row sums of [N * C, H * W], then summed over the N images. */
    INDArray channelSums(INDArray x, INDArray ones, LayerWorkspaceMgr workspaces, ArrayType type) {
      INDArray rows = workspaces.createUninitialized(type, DataType.FLOAT, n * c, 1);
      Nd4j.gemm(x.reshape(n * c, s), ones, rows, false, false, 1.0, 0.0);
      return rows.reshape(n, c).sum(0);
    }

    /**
     * A per-channel vector of C values, each repeated H * W times: a row of the images view. Built
     * on the Java side, since ND4J's repeat took a twentieth of ResNet-18's training step.
     */
    INDArray expand(INDArray perChannel) {
      float[] values = perChannel.ravel().toFloatVector();
      float[] expanded = new float[Math.toIntExact(c * s)];
      for (int channel = 0; channel < values.length; channel++) {
        Arrays.fill(expanded, (int) (channel * s), (int) ((channel + 1) * s), values[channel]);
      }
      return Nd4j.create(expanded, new long[] {c * s}, DataType.FLOAT);
    }
  }
}
