package org.twice.worker.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * An MLP-Mixer block: x + token mixing of norm(x), an MLP with GELU applied along the tokens to
 * each channel, then x + channel mixing, an MLP of {@value #CHANNEL_RATIO} times the width applied
 * to each token.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY)
public final class MixerBlock extends TokenLayer {
  static final int CHANNEL_RATIO = 2;

  private MixerBlock() {}

  MixerBlock(int dim, int tokens) {
    super(dim, tokens);
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addBiasParam("gain1", 1, dim, 1);
    params.addBiasParam("shift1", 1, dim, 1);
    params.addWeightParam("tokenHidden", tokens, tokens);
    params.addBiasParam("tokenHiddenBias", 1, tokens);
    params.addWeightParam("tokenBack", tokens, tokens);
    params.addBiasParam("tokenBackBias", 1, tokens);
    params.addBiasParam("gain2", 1, dim, 1);
    params.addBiasParam("shift2", 1, dim, 1);
    params.addWeightParam("hidden", dim, (long) CHANNEL_RATIO * dim);
    params.addBiasParam("hiddenBias", 1, (long) CHANNEL_RATIO * dim);
    params.addWeightParam("back", (long) CHANNEL_RATIO * dim, dim);
    params.addBiasParam("backBias", 1, dim);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    initDefaults(
        params,
        Map.of(
            "tokenHidden", (long) tokens,
            "tokenBack", (long) tokens,
            "hidden", (long) dim,
            "back", (long) CHANNEL_RATIO * dim));
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable normed = layerNorm(x, p.get("gain1"), p.get("shift1"));
    SDVariable hiddenTokens =
        sd.nn()
            .gelu(
                normed
                    .reshape(-1, tokens)
                    .mmul(p.get("tokenHidden"))
                    .add(p.get("tokenHiddenBias")));
    SDVariable mixed =
        hiddenTokens.mmul(p.get("tokenBack")).add(p.get("tokenBackBias")).reshape(-1, dim, tokens);
    SDVariable y = x.add(mixed);

    SDVariable hidden =
        sd.nn()
            .gelu(
                perToken(
                    layerNorm(y, p.get("gain2"), p.get("shift2")),
                    p.get("hidden"),
                    p.get("hiddenBias"),
                    dim,
                    tokens));
    return y.add(perToken(hidden, p.get("back"), p.get("backBias"), CHANNEL_RATIO * dim, tokens));
  }
}
