package org.twice.worker.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {
  // Two triplets of four points each. Against A, B differs at 1 and 2 points, C at 2 and 4.
  private static final ModelMaps A = maps("a", new byte[] {0, 1, 2, 3}, new byte[] {1, 1, 1, 1});
  private static final ModelMaps B = maps("b", new byte[] {0, 1, 2, 0}, new byte[] {1, 1, 0, 0});
  private static final ModelMaps C = maps("c", new byte[] {0, 1, 0, 0}, new byte[] {2, 2, 2, 2});

  @Test
  void agreementIsTheShareOfEqualPoints() {
    assertThat(Reproducibility.agreement(new byte[] {0, 1, 2, 3}, new byte[] {0, 1, 2, 0}))
        .isEqualTo(0.75);
    assertThat(Reproducibility.agreement(new byte[] {5, 5}, new byte[] {5, 5})).isEqualTo(1.0);
  }

  @Test
  void mapsOfDifferentSizesCannotBeCompared() {
    assertThatThrownBy(() -> Reproducibility.agreement(new byte[3], new byte[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 and 4");
  }

  @Test
  void pairwiseScoresEachUnorderedPairOnceAveragingOverTriplets() {
    List<PairScore> scores = Reproducibility.pairwise(List.of(A, B, C), 1000, 1);

    assertThat(scores).extracting(PairScore::firstKey).containsExactly("a", "a", "b");
    assertThat(scores).extracting(PairScore::secondKey).containsExactly("b", "c", "c");
    // a-b: 0.75 and 0.5; a-c: 0.5 and 0; b-c: 0.75 and 0.
    assertThat(scores.get(0).agreement().mean()).isEqualTo(0.625);
    assertThat(scores.get(1).agreement().mean()).isEqualTo(0.25);
    assertThat(scores.get(2).agreement().mean()).isEqualTo(0.375);
    assertThat(scores.get(0).agreement().low()).isEqualTo(0.5);
    assertThat(scores.get(0).agreement().high()).isEqualTo(0.75);
  }

  @Test
  void groupMeanOfAGroupWithItselfCountsEachPairOnce() {
    Interval within = Reproducibility.groupMean(List.of(A, B, C), List.of(A, B, C), 1000, 1);

    // Per triplet over the pairs a-b, a-c, b-c: (0.75 + 0.5 + 0.75) / 3 and (0.5 + 0 + 0) / 3.
    assertThat(within.mean()).isCloseTo((2.0 / 3 + 1.0 / 6) / 2, within(1e-12));
  }

  @Test
  void groupMeanAcrossGroupsSkipsAModelPairedWithItself() {
    Interval across = Reproducibility.groupMean(List.of(A, B), List.of(B, C), 1000, 1);

    // Pairs a-b, a-c, b-c; b-b is skipped.
    assertThat(across.mean()).isCloseTo((2.0 / 3 + 1.0 / 6) / 2, within(1e-12));
    assertThat(Reproducibility.groupMean(List.of(A), List.of(A), 1000, 1)).isNull();
  }

  @Test
  void modelsWithDifferentTripletCountsAreRejected() {
    ModelMaps short_ = maps("d", new byte[] {0, 1, 2, 3});

    assertThatThrownBy(() -> Reproducibility.pairwise(List.of(A, short_), 100, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share the triplets");
  }

  private static ModelMaps maps(String key, byte[]... maps) {
    return new ModelMaps(key, List.of(maps));
  }
}
