package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * Pre-activation ResNet-18 of width k: a 3x3 convolution of k filters, four stages of two basic
 * blocks with k, 2k, 4k and 8k filters, the last three stages halving the image, then batch norm,
 * ReLU, an average over the image and a dense output. k = 64 is the usual ResNet-18.
 */
final class ResNets {
  private static final int STAGES = 4;
  private static final int BLOCKS_PER_STAGE = 2;

  private ResNets() {}

  static void resnet18(GraphChain chain, int width, int classes) {
    String x = chain.then(Layers.conv(width, 3, 1));
    int filters = width;
    for (int stage = 0; stage < STAGES; stage++) {
      int out = width << stage;
      for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
        int stride = stage > 0 && block == 0 ? 2 : 1;
        x = block(chain, x, filters, out, stride);
        filters = out;
      }
    }
    chain.then(Layers.batchNorm());
    chain.then(Layers.relu());
    chain.then(Layers.globalPool(PoolingType.AVG));
    chain.then(Layers.output(classes));
  }

  /**
   * BN-ReLU-conv3x3-BN-ReLU-conv3x3 added to the input, or, where the shape changes, to a 1x1
   * convolution of the input's first activation.
   */
  private static String block(GraphChain chain, String input, int in, int out, int stride) {
    chain.layer(Layers.batchNorm(), input);
    String activated = chain.then(Layers.relu());
    chain.then(Layers.conv(out, 3, stride));
    chain.then(Layers.batchNorm());
    chain.then(Layers.relu());
    String residual = chain.then(Layers.conv(out, 3, 1));

    String shortcut =
        stride == 1 && in == out ? input : chain.layer(Layers.conv(out, 1, stride), activated);
    return chain.vertex(new ElementWiseVertex(ElementWiseVertex.Op.Add), residual, shortcut);
  }
}
