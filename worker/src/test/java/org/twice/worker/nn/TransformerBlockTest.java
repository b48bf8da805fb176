package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The block's attention is libnd4j's fused multi-head attention op, computed another way. */
class TransformerBlockTest {
  private static final int BATCH = 3;
  private static final int DIM = 8;
  private static final int HEADS = 2;
  private static final int TOKENS = 5;

  @Test
  void selfAttentionComputesWhatTheFusedOpComputes() {
    Nd4j.getRandom().setSeed(3);
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.constant("x", Nd4j.randn(DataType.FLOAT, BATCH, DIM, TOKENS));
    SDVariable query = sd.constant("q", Nd4j.randn(DataType.FLOAT, HEADS, DIM / HEADS, DIM));
    SDVariable key = sd.constant("k", Nd4j.randn(DataType.FLOAT, HEADS, DIM / HEADS, DIM));
    SDVariable value = sd.constant("v", Nd4j.randn(DataType.FLOAT, HEADS, DIM / HEADS, DIM));
    SDVariable out = sd.constant("o", Nd4j.randn(DataType.FLOAT, DIM, DIM));

    INDArray fused =
        sd.nn().multiHeadDotProductAttention(x, x, x, query, key, value, out, null, true).eval();
    INDArray ours = TransformerBlock.selfAttention(x, query, key, value, out, TOKENS).eval();

    assertThat(ours.shape()).containsExactly(BATCH, DIM, TOKENS);
    assertThat(ours.ravel().toFloatVector())
        .containsExactly(fused.ravel().toFloatVector(), within(1e-4f));
    assertThat(fused.ravel().toFloatVector()).isNotEqualTo(x.eval().ravel().toFloatVector());
  }
}
