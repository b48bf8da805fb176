package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twice.worker.data.LabelNoise;

class TripletModesTest {
  private static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};

  @Test
  void sameClassTripletsHoldThreeDifferentInputsOfOneClass() {
    List<Triplet> triplets = TripletSampler.sameClass(LABELS, 20, 7);

    assertThat(triplets).hasSize(20);
    for (Triplet t : triplets) {
      assertThat(LABELS[t.first()]).isEqualTo(LABELS[t.second()]).isEqualTo(LABELS[t.third()]);
      assertThat(List.of(t.first(), t.second(), t.third())).doesNotHaveDuplicates();
    }
    assertThat(TripletSampler.sameClass(LABELS, 20, 7)).isEqualTo(triplets);
  }

  @Test
  void mislabeledTripletsPutAFlippedInputAmongTwoCorrectOnesOfItsNoisyClass() {
    int[] noisy = LabelNoise.apply(LABELS, 3, 0.3, 1);

    List<Triplet> triplets = TripletSampler.mislabeled(LABELS, noisy, 10, 3);

    for (Triplet t : triplets) {
      assertThat(noisy[t.third()]).isNotEqualTo(LABELS[t.third()]);
      assertThat(LABELS[t.first()]).isEqualTo(noisy[t.first()]).isEqualTo(noisy[t.third()]);
      assertThat(LABELS[t.second()]).isEqualTo(noisy[t.second()]).isEqualTo(noisy[t.third()]);
      assertThat(t.first()).isNotEqualTo(t.second());
    }
  }

  @Test
  void shufflingKeepsThePixelValuesButNotTheirOrder() {
    float[] image = new float[100];
    for (int k = 0; k < image.length; k++) {
      image[k] = k;
    }

    float[] shuffled = OffManifold.shuffled(image, 5, 17);

    assertThat(shuffled).isNotEqualTo(image);
    float[] sorted = shuffled.clone();
    java.util.Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(image);
    assertThat(OffManifold.shuffled(image, 5, 17)).isEqualTo(shuffled);
  }
}
