package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Networks that are a plain chain of layers: the MLP, the small CNN, the 5-layer CNN and VGG. */
final class PlainNets {
  private PlainNets() {}

  /** Two hidden ReLU layers of the given width. */
  static void mlp(GraphChain chain, int width, int classes) {
    chain.then(Layers.dense(width));
    chain.then(Layers.dense(width));
    chain.then(Layers.output(classes));
  }

  /** Three 3x3 convolutions of width k, 2k, 4k, max-pooled between, averaged over space. */
  static void cnn(GraphChain chain, int width, int classes) {
    chain.then(Layers.convRelu(width, 3));
    chain.then(Layers.maxPool());
    chain.then(Layers.convRelu(2 * width, 3));
    chain.then(Layers.maxPool());
    chain.then(Layers.convRelu(4 * width, 3));
    chain.then(Layers.globalPool(PoolingType.AVG));
    chain.then(Layers.output(classes));
  }

  /**
   * The 5-layer CNN of double-descent studies: four 3x3 convolutions of k, 2k, 4k and 8k filters,
   * each with batch norm and ReLU, the last three max-pooled, then a max over what remains of the
   * image (4x4 on 32x32 inputs, as in the original) and a dense output.
   */
  static void cnn5(GraphChain chain, int width, int classes) {
    convBnRelu(chain, width);
    for (int filters : new int[] {2 * width, 4 * width, 8 * width}) {
      convBnRelu(chain, filters);
      chain.then(Layers.maxPool());
    }
    chain.then(Layers.globalPool(PoolingType.MAX));
    chain.then(Layers.output(classes));
  }

  /**
   * VGG-11 with its widths scaled by k / 64: 3x3 convolutions with batch norm and ReLU of k, 2k,
   * 4k, 4k, 8k, 8k, 8k and 8k filters, max-pooled after the 1st, 2nd, 4th, 6th and 8th, then a
   * dense output. Pooling rounds up, so 28x28 images shrink to 1x1 as 32x32 ones do.
   */
  static void vgg(GraphChain chain, int width, int classes) {
    int[][] stages = {{1}, {2}, {4, 4}, {8, 8}, {8, 8}};
    for (int[] stage : stages) {
      for (int multiple : stage) {
        convBnRelu(chain, multiple * width);
      }
      chain.then(Layers.maxPool());
    }
    chain.then(Layers.globalPool(PoolingType.AVG));
    chain.then(Layers.output(classes));
  }

  static void convBnRelu(GraphChain chain, int filters) {
    chain.then(Layers.conv(filters, 3, 1));
    chain.then(Layers.batchNorm());
    chain.then(Layers.relu());
  }
}
