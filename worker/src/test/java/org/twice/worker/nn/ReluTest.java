package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

class ReluTest {
  @Test
  void activatesAndDifferentiatesLikeNd4jsRelu() {
    Nd4j.getRandom().setSeed(3);
    INDArray z = Nd4j.rand(DataType.FLOAT, 4, 3, 5, 5).subi(0.5);
    // Exact zeros too: the gradient there is 0, as ND4J's.
    BooleanIndexing.replaceWhere(z, 0.0, Conditions.absLessThan(0.1));
    INDArray epsilon = Nd4j.rand(DataType.FLOAT, 4, 3, 5, 5).subi(0.5);

    INDArray expectedActivation = new ActivationReLU().getActivation(z.dup(), true);
    INDArray expectedGradient = new ActivationReLU().backprop(z.dup(), epsilon).getFirst();

    assertThat(new Relu().getActivation(z.dup(), true)).isEqualTo(expectedActivation);
    assertThat(new Relu().backprop(z.dup(), epsilon).getFirst()).isEqualTo(expectedGradient);
    assertThat(expectedGradient.eq(0).castTo(DataType.INT32).sumNumber().intValue())
        .as("some gradients are zero")
        .isGreaterThan(0);
  }
}
