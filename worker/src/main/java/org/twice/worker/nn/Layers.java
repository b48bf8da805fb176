package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The layers the architectures are made of, configured the way every builder here uses them. */
final class Layers {
  private Layers() {}

  /** A convolution with ReLU and a bias, for nets without batch norm. */
  static ConvolutionLayer convRelu(int filters, int kernel) {
    return new ConvolutionLayer.Builder(kernel, kernel)
        .nOut(filters)
        .activation(new Relu())
        .build();
  }

  /** A linear convolution without bias, for a batch norm to follow or to precede. */
  static ConvolutionLayer conv(int filters, int kernel, int stride) {
    return new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride)
        .nOut(filters)
        .activation(Activation.IDENTITY)
        .hasBias(false)
        .build();
  }

  static BatchNormalization batchNorm() {
    return new BatchNormalization.Builder().build();
  }

  static ActivationLayer relu() {
    return new ActivationLayer.Builder().activation(new Relu()).build();
  }

  static DenseLayer dense(int units) {
    return Dense.of(units, new Relu());
  }

  static SubsamplingLayer maxPool() {
    return pool(PoolingType.MAX);
  }

  static SubsamplingLayer averagePool() {
    return pool(PoolingType.AVG);
  }

  static GlobalPoolingLayer globalPool(PoolingType type) {
    return new GlobalPoolingLayer.Builder(type).build();
  }

  /** The softmax over the classes every network ends in, trained with cross-entropy. */
  static OutputLayer output(int classes) {
    return new OutputLayer.Builder(LossFunction.MCXENT)
        .nOut(classes)
        .activation(Activation.SOFTMAX)
        .weightInit(WeightInit.XAVIER)
        .build();
  }

  private static SubsamplingLayer pool(PoolingType type) {
    return new SubsamplingLayer.Builder(type).kernelSize(2, 2).stride(2, 2).build();
  }
}
