package org.twice.worker.nn;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * Networks of tokens: the image cut into 4x4 patches, each a token of {@code width} numbers, then
 * {@value #DEPTH} blocks, an average over the tokens and a dense output.
 */
final class Transformers {
  static final int PATCH = 4;
  static final int DEPTH = 4;

  private Transformers() {}

  /**
   * A small vision transformer: patch and learned position embeddings, then transformer blocks with
   * 1 head below width 32, 2 below 64 and 4 from 64 on (when the width divides evenly), and the
   * mean of the tokens, not a class token, as the image's representation.
   */
  static void vit(GraphChain chain, ImageShape shape, int width, int classes) {
    PatchEmbedding embedding = new PatchEmbedding(shape, PATCH, width, true);
    chain.then(embedding);
    for (int block = 0; block < DEPTH; block++) {
      chain.then(new TransformerBlock(width, embedding.tokens(), heads(width)));
    }
    end(chain, classes);
  }

  /** An MLP-Mixer: a patch embedding without positions, then mixer blocks. */
  static void mlpMixer(GraphChain chain, ImageShape shape, int width, int classes) {
    PatchEmbedding embedding = new PatchEmbedding(shape, PATCH, width, false);
    chain.then(embedding);
    for (int block = 0; block < DEPTH; block++) {
      chain.then(new MixerBlock(width, embedding.tokens()));
    }
    end(chain, classes);
  }

  static int heads(int width) {
    int heads = width >= 64 ? 4 : width >= 32 ? 2 : 1;
    while (width % heads != 0) {
      heads--;
    }
    return heads;
  }

  private static void end(GraphChain chain, int classes) {
    chain.then(Layers.globalPool(PoolingType.AVG));
    chain.then(Layers.output(classes));
  }
}
