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
        selfAttention(normed, p.get("query"), p.get("key"), p.get("value"), p.get("out"), tokens);
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

  /**
   * Multi-head scaled dot-product self-attention over the tokens of x, [batch, dim, tokens], with
   * query, key and value weights of [heads, head, dim] and output weights of [heads * head, dim]:
   * what libnd4j's {@code multi_head_dot_product_attention} op computes, written as batched matrix
   * products and a softmax. The fused op runs two to three times slower than these, and slower
   * still on ND4J's oneDNN build (docs/performance.md).
   */
  static SDVariable selfAttention(
      SDVariable x,
      SDVariable query,
      SDVariable key,
      SDVariable value,
      SDVariable out,
      int tokens) {
    SameDiff sd = x.getSameDiff();
    long[] shape = query.getShape();
    int heads = Math.toIntExact(shape[0]);
    long head = shape[1];
    long dim = shape[2];
    SDVariable rows = x.permute(0, 2, 1).reshape(-1, dim);
    SDVariable q = perHead(rows, query, heads, head, tokens);
    SDVariable k = perHead(rows, key, heads, head, tokens);
    SDVariable v = perHead(rows, value, heads, head, tokens);
    SDVariable scores = sd.mmul(q, k, false, true, false).div(Math.sqrt(head));
    SDVariable weights = sd.nn().softmax(scores, 2);
    SDVariable attended =
        sd.mmul(weights, v)
            .reshape(-1, heads, tokens, head)
            .permute(0, 2, 1, 3)
            .reshape(-1, heads * head);
    return attended.mmul(out).reshape(-1, tokens, dim).permute(0, 2, 1);
  }

  /** Rows [batch * tokens, dim] projected per head: [batch * heads, tokens, head]. */
  private static SDVariable perHead(
      SDVariable rows, SDVariable weights, int heads, long head, int tokens) {
    SameDiff sd = rows.getSameDiff();
    SDVariable flat = weights.reshape(heads * head, -1);
    return sd.mmul(rows, flat, false, true, false)
        .reshape(-1, tokens, heads, head)
        .permute(0, 2, 1, 3)
        .reshape(-1, tokens, head);
  }
}
