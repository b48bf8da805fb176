package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest {
  private static final ImageShape SHAPE = new ImageShape(2, 9, 9);

  @Test
  void flipMirrorsEveryChannelLeftToRightOrLeavesTheImage() {
    Augmenter flip = new Augmenter(Set.of(Augmentation.FLIP));
    float[] image = numbered();
    Random random = new Random(7);
    int flipped = 0;

    for (int n = 0; n < 20; n++) {
      float[] copy = image.clone();
      flip.apply(copy, 0, SHAPE, random);

      if (!Arrays.equals(copy, image)) {
        flipped++;
        assertThat(copy[0]).isEqualTo(image[8]);
        assertThat(copy[81 + 9 * 3 + 2]).isEqualTo(image[81 + 9 * 3 + 6]);
      }
    }
    assertThat(flipped).isBetween(1, 19);
  }

  @Test
  void cropShiftsTheImageByAtMostFourPixelsFillingWithZeros() {
    Augmenter crop = new Augmenter(Set.of(Augmentation.CROP));
    float[] image = numbered();
    Random random = new Random(7);

    for (int n = 0; n < 20; n++) {
      float[] copy = image.clone();
      crop.apply(copy, 0, SHAPE, random);

      int[] shift = shift(image, copy);
      assertThat(Math.abs(shift[0])).isLessThanOrEqualTo(Augmenter.PADDING);
      assertThat(Math.abs(shift[1])).isLessThanOrEqualTo(Augmenter.PADDING);
    }
  }

  @Test
  void sameStreamGivesTheSameImages() {
    Augmenter both = new Augmenter(Set.of(Augmentation.CROP, Augmentation.FLIP));
    float[] first = numbered();
    float[] again = numbered();

    both.apply(first, 0, SHAPE, new Random(42));
    both.apply(again, 0, SHAPE, new Random(42));

    assertThat(again).containsExactly(first);
  }

  @Test
  void augmentsOnlyTheImageAtTheOffset() {
    Augmenter both = new Augmenter(Set.of(Augmentation.CROP, Augmentation.FLIP));
    float[] two = new float[2 * SHAPE.features()];
    System.arraycopy(numbered(), 0, two, SHAPE.features(), SHAPE.features());

    both.apply(two, SHAPE.features(), SHAPE, new Random(3));

    assertThat(Arrays.copyOf(two, SHAPE.features())).containsOnly(0f);
  }

  /** Pixel values 1, 2, 3, ... so that every pixel says where it came from. */
  private static float[] numbered() {
    float[] image = new float[SHAPE.features()];
    for (int i = 0; i < image.length; i++) {
      image[i] = i + 1;
    }
    return image;
  }

  /** The shift (dy, dx) that every nonzero pixel of the copy shows. */
  private static int[] shift(float[] image, float[] copy) {
    int[] found = null;
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] != 0) {
        int source = (int) copy[i] - 1;
        assertThat(source / 81).isEqualTo(i / 81);
        int[] shift = {(source % 81) / 9 - (i % 81) / 9, source % 9 - i % 9};
        assertThat(found == null || Arrays.equals(found, shift)).isTrue();
        found = shift;
      }
    }
    return found;
  }
}
