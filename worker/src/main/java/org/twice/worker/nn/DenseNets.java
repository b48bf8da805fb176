package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * A small DenseNet with growth rate k: a 3x3 convolution of 2k filters, three dense blocks of
 * {@value #LAYERS_PER_BLOCK} layers, each layer BN-ReLU-conv3x3 of k filters fed by the block's
 * input and every earlier layer's output, with a transition between blocks (BN-ReLU-conv1x1 to half
 * the channels, 2x2 average pooling), then BN, ReLU, an average over the image and a dense output.
 */
final class DenseNets {
  static final int LAYERS_PER_BLOCK = 4;
  private static final int BLOCKS = 3;

  private DenseNets() {}

  static void densenet(GraphChain chain, int growth, int classes) {
    String x = chain.then(Layers.conv(2 * growth, 3, 1));
    int channels = 2 * growth;
    for (int block = 0; block < BLOCKS; block++) {
      x = denseBlock(chain, x, growth);
      channels += LAYERS_PER_BLOCK * growth;
      if (block < BLOCKS - 1) {
        channels /= 2;
        transition(chain, channels);
        x = chain.last();
      }
    }
    chain.then(Layers.batchNorm());
    chain.then(Layers.relu());
    chain.then(Layers.globalPool(PoolingType.AVG));
    chain.then(Layers.output(classes));
  }

  private static String denseBlock(GraphChain chain, String input, int growth) {
    String features = input;
    for (int layer = 0; layer < LAYERS_PER_BLOCK; layer++) {
      chain.layer(Layers.batchNorm(), features);
      chain.then(Layers.relu());
      String grown = chain.then(Layers.conv(growth, 3, 1));
      features = chain.vertex(new MergeVertex(), features, grown);
    }
    return features;
  }

  private static void transition(GraphChain chain, int channels) {
    chain.then(Layers.batchNorm());
    chain.then(Layers.relu());
    chain.then(Layers.conv(channels, 1, 1));
    chain.then(Layers.averagePool());
  }
}
