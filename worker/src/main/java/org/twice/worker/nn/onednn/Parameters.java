package org.twice.worker.nn.onednn;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.DenseArrays;

/**
 * A layer's parameters and their gradients, as the views into the network's flat arrays that DL4J
 * reads and its updater steps with. They stay in place while the network lives, so a program points
 * its memories at them once.
 */
record Parameters(String layer, Map<String, INDArray> values, Map<String, INDArray> gradients) {
  static Parameters of(Layer layer) {
    Map<String, INDArray> gradients =
        layer
            .conf()
            .getLayer()
            .initializer()
            .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
    return new Parameters(layer.conf().getLayer().getLayerName(), layer.paramTable(), gradients);
  }

  INDArray value(String key) {
    return dense(values, key);
  }

  INDArray gradient(String key) {
    return dense(gradients, key);
  }

  private INDArray dense(Map<String, INDArray> arrays, String key) {
    INDArray array = arrays.get(key);
    if (array == null) {
      throw new UnsupportedNetworkException("layer %s has no parameter %s".formatted(layer, key));
    }
    if (!DenseArrays.isDense(array)) {
      throw new UnsupportedNetworkException(
          "layer %s keeps %s in a strided view".formatted(layer, key));
    }
    return array;
  }
}
