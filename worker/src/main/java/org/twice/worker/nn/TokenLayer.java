package org.twice.worker.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * A layer of the vision transformer or the MLP-Mixer, written in SameDiff: it works on a sequence
 * of {@code tokens} vectors of {@code dim} numbers, held as DL4J holds sequences, [batch, dim,
 * tokens], and gives a sequence of the same shape. DL4J stores its fields with the network, as
 * JSON; its parameters are drawn from ND4J's random stream, which the network's seed fixes.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY)
public abstract class TokenLayer extends SameDiffLayer {
  private static final double EPSILON = 1e-5;

  protected int dim;
  protected int tokens;

  protected TokenLayer() {}

  protected TokenLayer(int dim, int tokens) {
    this.dim = dim;
    this.tokens = tokens;
  }

  /** The number of tokens in the sequence this layer gives. */
  int tokens() {
    return tokens;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.recurrent(dim, tokens);
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {}

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  /** Normalises each token's vector to mean 0 and variance 1, then scales and shifts it. */
  static SDVariable layerNorm(SDVariable x, SDVariable gain, SDVariable bias) {
    SDVariable centred = x.sub(x.mean(true, 1));
    SDVariable variance = centred.mul(centred).mean(true, 1);
    SameDiff sd = x.getSameDiff();
    return centred.div(sd.math().sqrt(variance.add(EPSILON))).mul(gain).add(bias);
  }

  /** The same dense layer applied to each token: [batch, in, tokens] to [batch, out, tokens]. */
  static SDVariable perToken(SDVariable x, SDVariable weights, SDVariable bias, int in, int count) {
    long out = weights.getShape()[1];
    SDVariable rows = x.permute(0, 2, 1).reshape(-1, in);
    return rows.mmul(weights).add(bias).reshape(-1, count, out).permute(0, 2, 1);
  }

  /** Fills a weight of the given fan-in from a normal distribution of variance 1 / fanIn. */
  static void initWeight(INDArray weight, long fanIn) {
    weight.assign(Nd4j.randn(weight.dataType(), weight.shape()).muli(Math.sqrt(1.0 / fanIn)));
  }

  /** Gains start at 1, other vectors at 0; weights as {@link #initWeight}. */
  static void initDefaults(Map<String, INDArray> params, Map<String, Long> fanIns) {
    params.forEach(
        (name, value) -> {
          if (fanIns.containsKey(name)) {
            initWeight(value, fanIns.get(name));
          } else {
            value.assign(name.startsWith("gain") ? 1 : 0);
          }
        });
  }
}
