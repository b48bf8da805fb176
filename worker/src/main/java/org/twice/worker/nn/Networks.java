package org.twice.worker.nn;

import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Builds the networks a spec names, initialised from the config's seed. Every network is a
 * computation graph with one input and one output: it takes rows of {@code channels * height *
 * width} floats in NCHW order, one row an image, with pixels in [0, 1], and ends in a softmax over
 * the classes trained with cross-entropy.
 */
public final class Networks {
  private static final double MOMENTUM = 0.9;
  private static final double WEIGHT_DECAY = 5e-4;
  private static final String INPUT = "input";

  private Networks() {}

  /** A new, initialised network for images of the given shape, to be trained for one step. */
  public static ComputationGraph build(TrainConfig config, ImageShape shape, int classes) {
    return build(config, shape, classes, 1);
  }

  /**
   * A new, initialised network whose learning rate follows the config's schedule over the given
   * number of minibatch steps.
   */
  public static ComputationGraph build(
      TrainConfig config, ImageShape shape, int classes, long steps) {
    return build(
        config,
        steps,
        inputType(config.architecture(), shape),
        chain -> layers(config, shape, chain, classes));
  }

  /**
   * A new, initialised network with the config's seed, optimizer and schedule over the given steps,
   * made of the layers the builder adds to the chain.
   */
  static ComputationGraph build(
      TrainConfig config, long steps, InputType input, Consumer<GraphChain> layers) {
    GraphBuilder graph = base(config, steps).graphBuilder().addInputs(INPUT);
    GraphChain chain = new GraphChain(graph, INPUT);
    layers.accept(chain);
    chain.end().setInputTypes(input);
    ComputationGraph net = new TrainingGraph(graph.build());
    net.init();
    return NativeLayers.install(DenseTraining.skipInputGradients(net));
  }

  private static void layers(TrainConfig config, ImageShape shape, GraphChain chain, int classes) {
    int width = config.width();
    switch (config.architecture()) {
      case MLP -> PlainNets.mlp(chain, width, classes);
      case CNN -> PlainNets.cnn(chain, width, classes);
      case CNN5 -> PlainNets.cnn5(chain, width, classes);
      case RESNET18 -> ResNets.resnet18(chain, width, classes);
      case VGG -> PlainNets.vgg(chain, width, classes);
      case DENSENET -> DenseNets.densenet(chain, width, classes);
      case VIT -> Transformers.vit(chain, shape, width, classes);
      case MLPMIXER -> Transformers.mlpMixer(chain, shape, width, classes);
    }
  }

  private static InputType inputType(Architecture architecture, ImageShape shape) {
    return switch (architecture) {
      case MLP, VIT, MLPMIXER -> InputType.feedForward(shape.features());
      default -> InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels());
    };
  }

  private static NeuralNetConfiguration.Builder base(TrainConfig config, long steps) {
    NeuralNetConfiguration.Builder builder =
        new NeuralNetConfiguration.Builder()
            .seed(config.seed())
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .updater(updater(config, LearningRates.of(config, steps)));
    // SGD and SAM follow the usual recipe with weight decay as an L2 term in the gradient; Adam
    // has none.
    return config.optimizer() == OptimizerKind.ADAM ? builder : builder.l2(WEIGHT_DECAY);
  }

  private static IUpdater updater(TrainConfig config, ISchedule learningRate) {
    return switch (config.optimizer()) {
      case SGD, SAM -> new Nesterovs(learningRate, MOMENTUM);
      case ADAM -> new Adam(learningRate);
    };
  }
}
