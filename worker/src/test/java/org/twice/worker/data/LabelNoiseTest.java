package org.twice.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {
  private static final int[] LABELS = new Random(7).ints(1000, 0, 10).toArray();

  @Test
  void changesExactlyTheShareAskedFor() {
    int[] noisy = LabelNoise.apply(LABELS, 10, 0.2, 42);

    boolean[] flipped = LabelNoise.flipped(LABELS, noisy);

    assertThat(count(flipped)).isEqualTo(200);
  }

  @Test
  void everyChangedLabelIsAnotherValidClass() {
    int[] noisy = LabelNoise.apply(LABELS, 10, 0.5, 1);

    for (int i = 0; i < LABELS.length; i++) {
      assertThat(noisy[i]).isBetween(0, 9);
    }
    assertThat(count(LabelNoise.flipped(LABELS, noisy))).isEqualTo(500);
  }

  @Test
  void sameSeedGivesTheSameLabelsAndAnotherSeedOthers() {
    int[] first = LabelNoise.apply(LABELS, 10, 0.2, 42);
    int[] again = LabelNoise.apply(LABELS, 10, 0.2, 42);
    int[] other = LabelNoise.apply(LABELS, 10, 0.2, 43);

    assertThat(again).containsExactly(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void zeroShareReturnsAnEqualCopy() {
    int[] noisy = LabelNoise.apply(LABELS, 10, 0, 42);

    assertThat(noisy).isNotSameAs(LABELS).containsExactly(LABELS);
  }

  @Test
  void twoClassesFlipToTheOtherOne() {
    int[] labels = {0, 1, 0, 1};

    int[] noisy = LabelNoise.apply(labels, 2, 1, 3);

    assertThat(noisy).containsExactly(1, 0, 1, 0);
  }

  @Test
  void rejectsAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> LabelNoise.apply(LABELS, 10, 1.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }

  private static int count(boolean[] values) {
    int count = 0;
    for (boolean value : values) {
      count += value ? 1 : 0;
    }
    return count;
  }
}
