package org.twice.worker.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MapPictureTest {

  @Test
  void eachGridPointIsDrawnInItsClassColour() throws Exception {
    int resolution = 4;
    byte[] map = new byte[resolution * resolution];
    for (int i = 0; i < resolution; i++) {
      for (int j = 0; j < resolution; j++) {
        map[i * resolution + j] = (byte) ((i + 2 * j) % 3);
      }
    }
    double[] axis = {0, 1, 2, 3};

    byte[] png = MapPicture.png(map, axis, axis, List.of("a", "b", "c"), List.of());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    for (int i = 0; i < resolution; i++) {
      for (int j = 0; j < resolution; j++) {
        int[] corner = MapPicture.cellCorner(i, j, resolution);
        int rgb = image.getRGB(corner[0] + 5, corner[1] + 5) & 0xffffff;
        assertThat(rgb).isEqualTo(Palette.of(map[i * resolution + j]).getRGB() & 0xffffff);
      }
    }
  }

  @Test
  void anchorsAreMarkedOnThePicture() throws Exception {
    byte[] map = new byte[100];
    double[] axis = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    Anchor anchor = new Anchor(4.5, 4.5, "x1 Coat", false);

    byte[] plain = MapPicture.png(map, axis, axis, List.of("Coat"), List.of());
    byte[] marked = MapPicture.png(map, axis, axis, List.of("Coat"), List.of(anchor));

    BufferedImage before = ImageIO.read(new ByteArrayInputStream(plain));
    BufferedImage after = ImageIO.read(new ByteArrayInputStream(marked));
    int centre = 10 + 200;
    assertThat(after.getRGB(centre, centre) & 0xffffff).isEqualTo(0x000000);
    assertThat(before.getRGB(centre, centre) & 0xffffff)
        .isEqualTo(Palette.of(0).getRGB() & 0xffffff);
  }

  @Test
  void labelsOfAnchorsAtTheEdgeStayOnTheMap() throws Exception {
    byte[] map = new byte[100];
    double[] axis = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    Anchor corner = new Anchor(9, 9, "x3 T-shirt/top, a long label", false);

    byte[] png = MapPicture.png(map, axis, axis, List.of("Coat"), List.of(corner));

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    for (int x = 10 + 400; x < 2 * 10 + 400; x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        assertThat(image.getRGB(x, y) & 0xffffff)
            .as("gutter pixel %d,%d", x, y)
            .isEqualTo(0xffffff);
      }
    }
    for (int x = 0; x < image.getWidth(); x++) {
      assertThat(image.getRGB(x, 0) & 0xffffff).as("top pixel %d", x).isEqualTo(0xffffff);
    }
  }
}
