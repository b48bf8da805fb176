package org.twice.worker.picture;

import java.awt.Color;

/** One distinct colour per class, the same in every picture. */
final class Palette {
  private static final int[] RGB = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
    0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5,
    0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5
  };

  private Palette() {}

  static Color of(int classIndex) {
    int rgb = RGB[Math.floorMod(classIndex, RGB.length)];
    if (classIndex >= RGB.length) {
      rgb = rgb ^ 0x202020;
    }
    return new Color(rgb);
  }

  /** The hex code of a class's colour, for the web dashboard's legend. */
  static String hex(int classIndex) {
    return String.format("#%06x", of(classIndex).getRGB() & 0xffffff);
  }
}
