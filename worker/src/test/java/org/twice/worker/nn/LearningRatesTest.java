package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;

class LearningRatesTest {
  @Test
  void constantKeepsTheRate() {
    ISchedule schedule = LearningRates.of(config(Schedule.CONSTANT), 100);

    assertThat(schedule.valueAt(0, 0)).isEqualTo(0.1);
    assertThat(schedule.valueAt(99, 3)).isEqualTo(0.1);
  }

  @Test
  void stepDividesByTenAtHalfAndThreeQuartersOfTheSteps() {
    ISchedule schedule = LearningRates.of(config(Schedule.STEP), 100);

    assertThat(schedule.valueAt(0, 0)).isEqualTo(0.1);
    assertThat(schedule.valueAt(49, 0)).isEqualTo(0.1);
    assertThat(schedule.valueAt(50, 0)).isCloseTo(0.01, within(1e-12));
    assertThat(schedule.valueAt(74, 0)).isCloseTo(0.01, within(1e-12));
    assertThat(schedule.valueAt(75, 0)).isCloseTo(0.001, within(1e-12));
    assertThat(schedule.valueAt(99, 0)).isCloseTo(0.001, within(1e-12));
  }

  @Test
  void cosineFallsFromTheRateToZeroOverTheSteps() {
    ISchedule schedule = LearningRates.of(config(Schedule.COSINE), 100);

    assertThat(schedule.valueAt(0, 0)).isEqualTo(0.1);
    assertThat(schedule.valueAt(50, 0)).isCloseTo(0.05, within(1e-12));
    assertThat(schedule.valueAt(100, 0)).isCloseTo(0.0, within(1e-12));
    assertThat(schedule.valueAt(25, 0)).isGreaterThan(schedule.valueAt(26, 0));
  }

  @Test
  void scheduleIsStoredWithTheNetwork() {
    ComputationGraph net = Networks.build(config(Schedule.COSINE), new ImageShape(1, 4, 4), 3, 40);

    ComputationGraph restored = ModelCodec.fromBytes(ModelCodec.toBytes(net));

    Nesterovs updater = (Nesterovs) restored.getLayer(0).conf().getLayer().getUpdaterByParam("W");
    assertThat(updater.getLearningRateSchedule()).isEqualTo(new CosineDecay(0.1, 40));
  }

  private static TrainConfig config(Schedule schedule) {
    return new TrainConfig(
        Architecture.MLP, 4, OptimizerKind.SGD, 0.1, 4, 8, 1, schedule, Set.of(), 0.05);
  }
}
