package org.twice.scheduler.bench;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.weightinit.WeightInitScheme;
import org.nd4j.weightinit.impl.OneInitScheme;
import org.nd4j.weightinit.impl.XavierInitScheme;
import org.nd4j.weightinit.impl.ZeroInitScheme;

/**
 * The networks of {@link org.twice.worker.nn.ReferenceNets} written in SameDiff, ND4J's graph API,
 * for the comparison of DL4J's layers as twice trains them with SameDiff on the same work ({@link
 * SameDiffComparison}): the same layers and shapes, Adam at 1e-3. Like twice's networks they take
 * flat images ({@code in}, reshaped to NCHW inside) and one-hot labels ({@code label}); the loss is
 * {@code loss}.
 */
final class SameDiffNets {
  static final String FEATURES = "in";
  static final String LABELS = "label";
  static final String LOSS = "loss";

  private static final int CLASSES = 10;

  private final SameDiff sd = SameDiff.create();
  private int parameters;

  private SameDiffNets() {}

  /** 784-256-10 with ReLU. */
  static SameDiff mlp256() {
    SameDiffNets net = new SameDiffNets();
    SDVariable in = net.sd.placeHolder(FEATURES, DataType.FLOAT, -1, 784);
    return net.finish(net.dense(net.relu(net.dense(in, 784, 256)), 256, CLASSES));
  }

  /** conv16-pool-conv32-pool-conv64, averaged over the image, then ten logits. */
  static SameDiff cnn16() {
    SameDiffNets net = new SameDiffNets();
    SDVariable in = net.sd.placeHolder(FEATURES, DataType.FLOAT, -1, 784).reshape(-1, 1, 28, 28);
    SDVariable x = net.pool(net.relu(net.conv(in, 1, 16, 3, 1, true)));
    x = net.pool(net.relu(net.conv(x, 16, 32, 3, 1, true)));
    x = net.relu(net.conv(x, 32, 64, 3, 1, true));
    return net.finish(net.dense(x.mean(2, 3), 64, CLASSES));
  }

  /** Pre-activation ResNet-18 of width 16 on 32 x 32 colour images. */
  static SameDiff resnet18k16() {
    SameDiffNets net = new SameDiffNets();
    SDVariable in =
        net.sd.placeHolder(FEATURES, DataType.FLOAT, -1, 3 * 32 * 32).reshape(-1, 3, 32, 32);
    SDVariable x = net.conv(in, 3, 16, 3, 1, false);
    int channels = 16;
    for (int stage = 0; stage < 4; stage++) {
      int width = 16 << stage;
      for (int block = 0; block < 2; block++) {
        x = net.preActivationBlock(x, channels, width, stage > 0 && block == 0 ? 2 : 1);
        channels = width;
      }
    }
    x = net.relu(net.batchNorm(x, channels)).mean(2, 3);
    return net.finish(net.dense(x, channels, CLASSES));
  }

  private SDVariable preActivationBlock(SDVariable x, int in, int out, int stride) {
    SDVariable activated = relu(batchNorm(x, in));
    SDVariable shortcut = stride != 1 || in != out ? conv(activated, in, out, 1, stride, false) : x;
    SDVariable residual = conv(activated, in, out, 3, stride, false);
    residual = conv(relu(batchNorm(residual, out)), out, out, 3, 1, false);
    return residual.add(shortcut);
  }

  private SDVariable dense(SDVariable x, int in, int out) {
    SDVariable weights = parameter(new XavierInitScheme('c', in, out), in, out);
    return x.mmul(weights).add(parameter(new ZeroInitScheme('c'), out));
  }

  private SDVariable conv(SDVariable x, int in, int out, int kernel, int stride, boolean bias) {
    int fan = kernel * kernel;
    SDVariable weights =
        parameter(new XavierInitScheme('c', in * fan, out * fan), kernel, kernel, in, out);
    Conv2DConfig config =
        Conv2DConfig.builder()
            .kH(kernel)
            .kW(kernel)
            .sH(stride)
            .sW(stride)
            .pH(kernel / 2)
            .pW(kernel / 2)
            .dH(1)
            .dW(1)
            .dataFormat("NCHW")
            .build();
    if (bias) {
      return sd.cnn().conv2d(x, weights, parameter(new ZeroInitScheme('c'), out), config);
    }
    return sd.cnn().conv2d(x, weights, config);
  }

  private SDVariable pool(SDVariable x) {
    Pooling2DConfig config =
        Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build();
    return sd.cnn().maxPooling2d(x, config);
  }

  /**
   * Batch normalisation over the batch's own statistics, written out from SameDiff's arithmetic:
   * 1.0.0-M2.1's {@code batchNorm} op cannot be differentiated ({@code BatchNorm.doDiff} builds its
   * derivative without the channel axis and fails).
   */
  private SDVariable batchNorm(SDVariable x, int channels) {
    SDVariable scale = parameter(new OneInitScheme('c'), 1, channels, 1, 1);
    SDVariable shift = parameter(new ZeroInitScheme('c'), 1, channels, 1, 1);
    SDVariable centred = x.sub(x.mean(true, 0, 2, 3));
    SDVariable variance = sd.math().square(centred).mean(true, 0, 2, 3);
    return centred.mul(sd.math().rsqrt(variance.add(1e-5))).mul(scale).add(shift);
  }

  private SDVariable relu(SDVariable x) {
    return sd.nn().relu(x, 0);
  }

  private SDVariable parameter(WeightInitScheme init, long... shape) {
    return sd.var("p" + parameters++, init, DataType.FLOAT, shape);
  }

  private SameDiff finish(SDVariable logits) {
    SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, CLASSES);
    sd.setLossVariables(sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null));
    sd.setTrainingConfig(
        TrainingConfig.builder()
            .updater(new Adam(1e-3))
            .dataSetFeatureMapping(FEATURES)
            .dataSetLabelMapping(LABELS)
            .build());
    return sd;
  }
}
