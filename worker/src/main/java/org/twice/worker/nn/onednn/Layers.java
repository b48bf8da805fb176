package org.twice.worker.nn.onednn;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/** Checks common to every layer a program runs. */
final class Layers {
  private Layers() {}

  /** A layer whose training step is its plain function: no dropout, no noise on its weights. */
  static void checkPlain(Layer conf) {
    if (conf.getIDropout() != null) {
      throw new UnsupportedNetworkException("layer %s has dropout".formatted(conf.getLayerName()));
    }
    if (conf instanceof BaseLayer base && base.getWeightNoise() != null) {
      throw new UnsupportedNetworkException(
          "layer %s has weight noise".formatted(conf.getLayerName()));
    }
  }
}
