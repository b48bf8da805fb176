package org.twice.worker.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer, configured as {@link DenseLayer.Builder} configures it, run by {@link
 * DenseTraining}: the same forward pass, and a backward pass that neither computes the forward
 * product a second time nor, for a layer reading the network's input, the gradient with respect to
 * that input, which nothing reads. Stored configurations name this class; those saved before it
 * keep DL4J's dense layer.
 */
public final class Dense extends DenseLayer {
  /** For Jackson, which reads stored configurations. */
  public Dense() {}

  /** A dense layer of {@code units} outputs with a bias and the given activation. */
  static Dense of(int units, IActivation activation) {
    DenseLayer plain = new DenseLayer.Builder().nOut(units).activation(activation).build();
    Dense dense = new Dense();
    copyFields(plain, dense);
    return dense;
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    DenseTraining layer = new DenseTraining(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
    layer.setParamTable(params);
    layer.setConf(conf);
    return layer;
  }

  /** Copies every field DenseLayer and its superclasses declare, as the builder left them. */
  private static void copyFields(DenseLayer from, DenseLayer to) {
    for (Class<?> type = DenseLayer.class; type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        try {
          field.setAccessible(true);
          field.set(to, field.get(from));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot copy the dense layer's " + field.getName(), e);
        }
      }
    }
  }
}
