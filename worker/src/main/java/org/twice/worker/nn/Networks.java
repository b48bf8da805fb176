package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the networks a spec names, initialised from the config's seed. Every network takes its
 * input as rows of {@code channels * height * width} floats in NCHW order, one row an image, and
 * ends in a softmax over the classes trained with cross-entropy.
 */
public final class Networks {
  private static final double MOMENTUM = 0.9;
  private static final double WEIGHT_DECAY = 5e-4;

  private Networks() {}

  /** A new, initialised network for images of the given shape. */
  public static MultiLayerNetwork build(
      TrainConfig config, int channels, int height, int width, int classes) {
    MultiLayerConfiguration conf =
        switch (config.architecture()) {
          case MLP ->
              mlp(base(config), config.width(), classes)
                  .setInputType(InputType.feedForward((long) channels * height * width))
                  .build();
          case CNN ->
              cnn(base(config), config.width(), classes)
                  .setInputType(InputType.convolutionalFlat(height, width, channels))
                  .build();
        };
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static NeuralNetConfiguration.Builder base(TrainConfig config) {
    NeuralNetConfiguration.Builder builder =
        new NeuralNetConfiguration.Builder()
            .seed(config.seed())
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .updater(updater(config));
    // SGD follows the usual recipe with weight decay as an L2 term in the gradient; Adam has none.
    return config.optimizer() == OptimizerKind.SGD ? builder.l2(WEIGHT_DECAY) : builder;
  }

  private static IUpdater updater(TrainConfig config) {
    return switch (config.optimizer()) {
      case SGD -> new Nesterovs(config.learningRate(), MOMENTUM);
      case ADAM -> new Adam(config.learningRate());
    };
  }

  /** Two hidden ReLU layers of the given width. */
  private static ListBuilder mlp(NeuralNetConfiguration.Builder base, int width, int classes) {
    return base.list()
        .layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build())
        .layer(output(classes));
  }

  /** Three 3x3 convolutions of width k, 2k, 4k, max-pooled between, averaged over space. */
  private static ListBuilder cnn(NeuralNetConfiguration.Builder base, int width, int classes) {
    return base.list()
        .layer(convolution(width))
        .layer(maxPool())
        .layer(convolution(2 * width))
        .layer(maxPool())
        .layer(convolution(4 * width))
        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
        .layer(output(classes));
  }

  private static ConvolutionLayer convolution(int filters) {
    return new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).build();
  }

  private static SubsamplingLayer maxPool() {
    return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
  }

  private static OutputLayer output(int classes) {
    return new OutputLayer.Builder(LossFunction.MCXENT)
        .nOut(classes)
        .activation(Activation.SOFTMAX)
        .weightInit(WeightInit.XAVIER)
        .build();
  }
}
