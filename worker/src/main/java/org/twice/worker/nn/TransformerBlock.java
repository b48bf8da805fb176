package org.twice.worker.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * A pre-norm transformer encoder block: x + attention(norm(x)), then x + mlp(norm(x)), where the
 * attention is multi-head scaled dot-product self-attention over the tokens and the MLP maps each
 * token through a hidden layer of {@value #MLP_RATIO} times its size with GELU.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY)
public final class TransformerBlock extends TokenLayer {
  static final int MLP_RATIO = 2;

  private int heads;

  private TransformerBlock() {}

  TransformerBlock(int dim, int tokens, int heads) {
    super(dim, tokens);
    if (dim % heads != 0) {
      throw new IllegalArgumentException(
          "a width of %d does not split into %d heads".formatted(dim, heads));
    }
    this.heads = heads;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    long head = dim / heads;
    params.addBiasParam("gain1", 1, dim, 1);
    params.addBiasParam("shift1", 1, dim, 1);
    params.addWeightParam("query", heads, head, dim);
    params.addWeightParam("key", heads, head, dim);
    params.addWeightParam("value", heads, head, dim);
    params.addWeightParam("out", dim, dim);
    params.addBiasParam("gain2", 1, dim, 1);
    params.addBiasParam("shift2", 1, dim, 1);
    params.addWeightParam("hidden", dim, (long) MLP_RATIO * dim);
    params.addBiasParam("hiddenBias", 1, (long) MLP_RATIO * dim);
    params.addWeightParam("back", (long) MLP_RATIO * dim, dim);
    params.addBiasParam("backBias", 1, dim);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    long mlp = (long) MLP_RATIO * dim;
    initDefaults(
        params,
        Map.of(
            "query", (long) dim,
            "key", (long) dim,
            "value", (long) dim,
            "out", (long) dim,
            "hidden", (long) dim,
            "back", mlp));
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable normed = layerNorm(x, p.get("gain1"), p.get("shift1"));
    SDVariable attended =
        sd.nn()
            .multiHeadDotProductAttention(
                normed,
                normed,
                normed,
                p.get("query"),
                p.get("key"),
                p.get("value"),
                p.get("out"),
                null,
                true);
    SDVariable y = x.add(attended);

    SDVariable hidden =
        sd.nn()
            .gelu(
                perToken(
                    layerNorm(y, p.get("gain2"), p.get("shift2")),
                    p.get("hidden"),
                    p.get("hiddenBias"),
                    dim,
                    tokens));
    return y.add(perToken(hidden, p.get("back"), p.get("backBias"), MLP_RATIO * dim, tokens));
  }
}
