package org.twice.worker.nn;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * Cuts each image, given as a row of NCHW floats, into square patches, maps each patch linearly to
 * a token of {@code dim} numbers and, for the vision transformer, adds a learned embedding of its
 * position.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY)
public final class PatchEmbedding extends TokenLayer {
  private static final double POSITION_SCALE = 0.02;

  private int channels;
  private int height;
  private int width;
  private int patch;
  private boolean positions;

  private PatchEmbedding() {}

  PatchEmbedding(ImageShape shape, int patch, int dim, boolean positions) {
    super(dim, (shape.height() / patch) * (shape.width() / patch));
    if (shape.height() % patch != 0 || shape.width() % patch != 0) {
      throw new IllegalArgumentException(
          "images of %dx%d cannot be cut into patches of %dx%d"
              .formatted(shape.height(), shape.width(), patch, patch));
    }
    this.channels = shape.channels();
    this.height = shape.height();
    this.width = shape.width();
    this.patch = patch;
    this.positions = positions;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam("weight", (long) patchSize(), dim);
    params.addBiasParam("bias", 1, dim);
    if (positions) {
      params.addWeightParam("position", 1, dim, tokens);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    initWeight(params.get("weight"), patchSize());
    params.get("bias").assign(0);
    if (positions) {
      INDArray position = params.get("position");
      position.assign(Nd4j.randn(position.dataType(), position.shape()).muli(POSITION_SCALE));
    }
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
    int across = width / patch;
    int down = height / patch;
    SDVariable rows =
        input
            .reshape(-1, channels, down, patch, across, patch)
            .permute(0, 2, 4, 1, 3, 5)
            .reshape(-1, patchSize());
    SDVariable embedded =
        rows.mmul(params.get("weight"))
            .add(params.get("bias"))
            .reshape(-1, tokens, dim)
            .permute(0, 2, 1);
    return positions ? embedded.add(params.get("position")) : embedded;
  }

  private int patchSize() {
    return channels * patch * patch;
  }
}
