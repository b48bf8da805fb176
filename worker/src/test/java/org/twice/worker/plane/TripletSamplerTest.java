package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twice.worker.data.SampleData;

class TripletSamplerTest {
  private static final int[] LABELS = SampleData.small().test().labels();

  @Test
  void everyTripletHoldsThreeClasses() {
    List<Triplet> triplets = TripletSampler.distinctClasses(LABELS, 200, 11);

    assertThat(triplets).hasSize(200);
    for (Triplet t : triplets) {
      assertThat(Set.of(LABELS[t.first()], LABELS[t.second()], LABELS[t.third()])).hasSize(3);
    }
  }

  @Test
  void sameSeedGivesTheSameTripletsAndAnotherSeedOthers() {
    List<Triplet> first = TripletSampler.distinctClasses(LABELS, 20, 11);
    List<Triplet> again = TripletSampler.distinctClasses(LABELS, 20, 11);
    List<Triplet> other = TripletSampler.distinctClasses(LABELS, 20, 12);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void fewerThanThreeClassesAreRejected() {
    int[] twoClasses = {0, 1, 1, 0, 1};

    assertThatThrownBy(() -> TripletSampler.distinctClasses(twoClasses, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 3 classes");
  }
}
