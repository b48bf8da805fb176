package org.twice.worker.nn.onednn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A fused Adam step gives libnd4j's: the same updates and the same state (m and v in the updater's
 * one view array), step after step, with a learning rate that changes between steps, also for a
 * block whose length is no multiple of a vector's.
 */
class FusedAdamTest {
  private static final int LENGTH = 1003;
  private static final int STEPS = 6;

  @Test
  void stepsAsLibnd4jsAdamDoes() {
    Adam config = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.5));
    AdamUpdater reference = updater(config);
    FusedAdam fused = FusedAdam.of(updater(config), LENGTH);
    Nd4j.getRandom().setSeed(5);

    for (int step = 0; step < STEPS; step++) {
      INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, LENGTH).muli(Math.pow(10, -step));
      INDArray expected = gradient.dup();
      INDArray actual = gradient.dup();

      reference.applyUpdater(expected, step, 0);
      fused.applyUpdater(actual, step, 0);

      assertThat(actual.equalsWithEps(expected, 1e-5 * maxAbs(expected)))
          .as("update of step %d: %s against %s", step, actual, expected)
          .isTrue();
      assertThat(maxAbs(actual)).isGreaterThan(0);
    }
    INDArray expectedState = reference.getState().get("M");
    INDArray actualState = fused.getState().get("M");
    assertThat(actualState.equalsWithEps(expectedState, 1e-5 * maxAbs(expectedState))).isTrue();
    expectedState = reference.getState().get("V");
    actualState = fused.getState().get("V");
    assertThat(actualState.equalsWithEps(expectedState, 1e-5 * maxAbs(expectedState))).isTrue();
  }

  @Test
  void leavesGradientsThatAreNotDenseToLibnd4j() {
    Adam config = new Adam(0.01);
    AdamUpdater reference = updater(config);
    FusedAdam fused = FusedAdam.of(updater(config), LENGTH);
    Nd4j.getRandom().setSeed(6);
    INDArray wide = Nd4j.randn(DataType.FLOAT, 2, LENGTH);
    INDArray strided = wide.dup('f').get(NDArrayIndex.point(0), NDArrayIndex.all());
    INDArray expected = strided.dup();

    reference.applyUpdater(expected, 0, 0);
    fused.applyUpdater(strided, 0, 0);

    assertThat(strided.stride(0)).isNotEqualTo(1);
    assertThat(strided.equalsWithEps(expected, 1e-7)).isTrue();
  }

  private static AdamUpdater updater(Adam config) {
    AdamUpdater updater = new AdamUpdater(config);
    updater.setStateViewArray(
        Nd4j.zeros(DataType.FLOAT, 1, 2L * LENGTH), new long[] {1, LENGTH}, 'c', true);
    return updater;
  }

  private static double maxAbs(INDArray array) {
    return array.amaxNumber().doubleValue();
  }
}
