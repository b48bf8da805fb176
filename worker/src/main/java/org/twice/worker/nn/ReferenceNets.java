package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The networks of the reference benchmark (scripts/bench.sh), built by the same code as the
 * networks a spec names, with Adam at 1e-3 and ten classes. Two of them are the spec's own: {@code
 * cnn16} is {@code cnn} of width 16 and {@code resnet18k16} is {@code resnet18} of width 16. {@code
 * mlp256} has one hidden layer of 256 units where the spec's {@code mlp} has two.
 */
public final class ReferenceNets {
  /** Fashion-MNIST's images, those of mlp256 and cnn16. */
  public static final ImageShape GRAY_28 = new ImageShape(1, 28, 28);

  /** CIFAR-10's images, those of resnet18k16. */
  public static final ImageShape COLOR_32 = new ImageShape(3, 32, 32);

  private static final int CLASSES = 10;
  private static final double LEARNING_RATE = 1e-3;

  private ReferenceNets() {}

  /** 784-256-10 with ReLU: one hidden dense layer, then the softmax output. */
  public static ComputationGraph mlp256(long seed) {
    TrainConfig config = config(Architecture.MLP, 256, 128, seed);
    return Networks.build(
        config,
        1,
        InputType.feedForward(GRAY_28.features()),
        chain -> {
          chain.then(Layers.dense(256));
          chain.then(Layers.output(CLASSES));
        });
  }

  /** conv16-pool-conv32-pool-conv64, averaged over the image, then the softmax output. */
  public static ComputationGraph cnn16(long seed) {
    return Networks.build(config(Architecture.CNN, 16, 128, seed), GRAY_28, CLASSES);
  }

  /** Pre-activation ResNet-18 of width 16. */
  public static ComputationGraph resnet18k16(long seed) {
    return Networks.build(config(Architecture.RESNET18, 16, 64, seed), COLOR_32, CLASSES);
  }

  private static TrainConfig config(Architecture architecture, int width, int batch, long seed) {
    return new TrainConfig(architecture, width, OptimizerKind.ADAM, LEARNING_RATE, 1, batch, seed);
  }
}
