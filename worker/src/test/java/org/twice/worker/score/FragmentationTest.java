package org.twice.worker.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FragmentationTest {

  @Test
  void aMapOfOneClassIsOneRegion() {
    assertThat(Fragmentation.regions(new byte[16], 4)).isEqualTo(1);
  }

  @Test
  void twoHalvesAreTwoRegions() {
    byte[] map = map("0011", "0011", "0011", "0011");

    assertThat(Fragmentation.regions(map, 4)).isEqualTo(2);
  }

  @Test
  void diagonalNeighboursAreConnected() {
    byte[] map = map("100", "010", "001");

    assertThat(Fragmentation.regions(map, 3)).isEqualTo(2);
  }

  @Test
  void islandsOfOneClassCountSeparately() {
    byte[] map = map("10001", "00000", "00100", "00000", "10001");

    assertThat(Fragmentation.regions(map, 5)).isEqualTo(6);
  }

  @Test
  void aCheckerboardIsTwoRegionsThroughItsDiagonals() {
    byte[] map = map("0101", "1010", "0101", "1010");

    assertThat(Fragmentation.regions(map, 4)).isEqualTo(2);
  }

  @Test
  void aMapOfTheWrongSizeIsRefused() {
    assertThatThrownBy(() -> Fragmentation.regions(new byte[10], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 x 3");
  }

  private static byte[] map(String... rows) {
    byte[] map = new byte[rows.length * rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows.length; j++) {
        map[i * rows.length + j] = (byte) (rows[i].charAt(j) - '0');
      }
    }
    return map;
  }
}
