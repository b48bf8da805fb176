package org.twice.worker.nn;

import java.util.Map;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The learning rate of each minibatch step, as the config's schedule says. */
final class LearningRates {
  private static final double STEP_FACTOR = 0.1;

  private LearningRates() {}

  /**
   * The schedule over the given number of steps; DL4J counts steps from 0 and asks for the rate of
   * each step before it takes it.
   */
  static ISchedule of(TrainConfig config, long steps) {
    double rate = config.learningRate();
    int total = Math.toIntExact(Math.max(1, steps));
    return switch (config.schedule()) {
      case CONSTANT -> new FixedSchedule(rate);
      case STEP ->
          new MapSchedule(
              ScheduleType.ITERATION,
              Map.of(
                  0,
                  rate,
                  total / 2,
                  rate * STEP_FACTOR,
                  (3 * total) / 4,
                  rate * STEP_FACTOR * STEP_FACTOR));
      case COSINE -> new CosineDecay(rate, total);
    };
  }
}
