package org.twice.worker.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void intervalSurroundsTheMeanAndNarrowsWithMoreValues() {
    Random random = new Random(3);
    double[] few = random.doubles(10).toArray();
    double[] many = random.doubles(1000).toArray();

    Interval fewInterval = Bootstrap.mean(few, 2000, 1);
    Interval manyInterval = Bootstrap.mean(many, 2000, 1);

    for (Interval interval : new Interval[] {fewInterval, manyInterval}) {
      assertThat(interval.low()).isLessThan(interval.mean());
      assertThat(interval.high()).isGreaterThan(interval.mean());
    }
    assertThat(manyInterval.mean()).isCloseTo(0.5, within(0.05));
    assertThat(manyInterval.high() - manyInterval.low())
        .isLessThan(fewInterval.high() - fewInterval.low());
  }

  @Test
  void oneValueGivesAZeroWidthInterval() {
    assertThat(Bootstrap.mean(new double[] {0.8}, 1000, 1)).isEqualTo(new Interval(0.8, 0.8, 0.8));
  }

  @Test
  void sameSeedGivesTheSameInterval() {
    double[] values = {0.1, 0.9, 0.4, 0.7};

    assertThat(Bootstrap.mean(values, 500, 9)).isEqualTo(Bootstrap.mean(values, 500, 9));
  }

  @Test
  void percentileInterpolatesBetweenNeighbours() {
    double[] sorted = {0, 10, 20, 30, 40};

    assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(20);
    assertThat(Bootstrap.percentile(sorted, 0.1)).isCloseTo(4, within(1e-12));
    assertThat(Bootstrap.percentile(sorted, 1)).isEqualTo(40);
  }
}
