package org.twice.worker.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a decision-region map as a PNG, like the paper's figures: one colour per class, a legend
 * naming the classes, the three anchor inputs marked and labelled, mislabeled anchors drawn as a
 * cross instead of a disc. The first plane axis runs left to right, the second bottom to top.
 */
public final class MapPicture {
  private static final int SIDE = 400;
  private static final int LEGEND = 170;
  private static final int PAD = 10;

  private MapPicture() {}

  /**
   * Renders a map. {@code s} and {@code t} are the grid's coordinates along the two plane axes;
   * anchors are placed by their coordinates on the same axes.
   */
  public static byte[] png(
      byte[] map, double[] s, double[] t, List<String> classNames, List<Anchor> anchors) {
    int resolution = s.length;
    BufferedImage image =
        new BufferedImage(SIDE + LEGEND + 2 * PAD, SIDE + 2 * PAD, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      drawRegions(g, map, resolution);
      anchors.forEach(a -> drawAnchor(g, a, s, t));
      drawLegend(g, classNames, map);
    } finally {
      g.dispose();
    }
    return encode(image);
  }

  /** The pixel of the picture where grid point (i, j) is drawn: its cell's top-left corner. */
  static int[] cellCorner(int i, int j, int resolution) {
    int x0 = PAD + i * SIDE / resolution;
    int y0 = PAD + SIDE - (j + 1) * SIDE / resolution;
    return new int[] {x0, y0};
  }

  private static void drawRegions(Graphics2D g, byte[] map, int resolution) {
    for (int i = 0; i < resolution; i++) {
      for (int j = 0; j < resolution; j++) {
        int[] corner = cellCorner(i, j, resolution);
        int x1 = PAD + (i + 1) * SIDE / resolution;
        int y1 = PAD + SIDE - j * SIDE / resolution;
        g.setColor(Palette.of(map[i * resolution + j]));
        g.fillRect(corner[0], corner[1], x1 - corner[0], y1 - corner[1]);
      }
    }
  }

  private static void drawAnchor(Graphics2D g, Anchor anchor, double[] s, double[] t) {
    int x = PAD + (int) Math.round(position(anchor.s(), s) * SIDE);
    int y = PAD + SIDE - (int) Math.round(position(anchor.t(), t) * SIDE);
    int r = 7;
    g.setStroke(new BasicStroke(3));
    if (anchor.mislabeled()) {
      g.setColor(Color.WHITE);
      g.drawLine(x - r, y - r, x + r, y + r);
      g.drawLine(x - r, y + r, x + r, y - r);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1.5f));
      g.drawLine(x - r, y - r, x + r, y + r);
      g.drawLine(x - r, y + r, x + r, y - r);
    } else {
      g.setColor(Color.BLACK);
      g.fillOval(x - r, y - r, 2 * r, 2 * r);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(2));
      g.drawOval(x - r, y - r, 2 * r, 2 * r);
    }
    drawLabel(g, anchor.name(), x, y, r);
  }

  /**
   * An anchor's name beside its mark on a pale box, so it reads on any region colour; put to the
   * left of the mark and below it where it would leave the map.
   */
  private static void drawLabel(Graphics2D g, String name, int x, int y, int r) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    FontMetrics metrics = g.getFontMetrics();
    int width = metrics.stringWidth(name);
    int left = x + r + 3 + width <= PAD + SIDE ? x + r + 3 : x - r - 3 - width;
    int baseline = y - r - metrics.getAscent() >= PAD ? y - r : y + r + metrics.getAscent();
    g.setColor(new Color(255, 255, 255, 190));
    g.fillRect(left - 2, baseline - metrics.getAscent(), width + 4, metrics.getHeight());
    g.setColor(Color.BLACK);
    g.drawString(name, left, baseline);
  }

  /**
   * Where a coordinate falls along an axis, as a share of the axis from its first to last point.
   */
  private static double position(double value, double[] axis) {
    double first = axis[0];
    double last = axis[axis.length - 1];
    double cell = (last - first) / (axis.length - 1);
    return (value - first + cell / 2) / (last - first + cell);
  }

  private static void drawLegend(Graphics2D g, List<String> classNames, byte[] map) {
    boolean[] present = new boolean[Math.max(classNames.size(), 256)];
    for (byte b : map) {
      present[b & 0xff] = true;
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int x = 2 * PAD + SIDE;
    int y = PAD + 4;
    for (int c = 0; c < classNames.size(); c++) {
      g.setColor(Palette.of(c));
      g.fillRect(x, y, 14, 14);
      g.setColor(present[c] ? Color.BLACK : Color.GRAY);
      g.drawString(classNames.get(c), x + 20, y + 12);
      y += 20;
    }
  }

  private static byte[] encode(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a PNG", e);
    }
  }
}
