package org.twice.worker.plane;

import static org.twice.worker.plane.Vectors.difference;
import static org.twice.worker.plane.Vectors.dot;
import static org.twice.worker.plane.Vectors.norm;
import static org.twice.worker.plane.Vectors.plusScaled;

/**
 * The plane through three inputs x1, x2, x3 and an R x R grid of points on it.
 *
 * <p>u = (x2 - x1) / |x2 - x1| and v, the part of x3 - x1 orthogonal to u, normalised, are an
 * orthonormal basis of the plane. In (u, v) coordinates the inputs sit at (0, 0), (|x2 - x1|, 0)
 * and (u.(x3 - x1), v.(x3 - x1)). On each axis the grid spans the anchors' range, extended by
 * {@code rangeLow} times its length below and {@code rangeHigh} times above, in R evenly spaced
 * steps s_i and t_j; point (i, j) is x1 + s_i u + t_j v, unclipped. Grid point (i, j) has the flat
 * index i * R + j. Everything is computed in double precision.
 *
 * <p>Immutable; accessors return copies.
 */
public final class Plane {
  // Below this share of the inputs' size a difference is float rounding, not a direction.
  private static final double TOLERANCE = 1e-6;

  private final double[] origin;
  private final double[] u;
  private final double[] v;
  private final double[][] anchors;
  private final double[] s;
  private final double[] t;

  private Plane(
      double[] origin, double[] u, double[] v, double[][] anchors, double[] s, double[] t) {
    this.origin = origin;
    this.u = u;
    this.v = v;
    this.anchors = anchors;
    this.s = s;
    this.t = t;
  }

  /**
   * The plane through three inputs of equal length with an R x R grid.
   *
   * @throws DegenerateTripletException if x1 and x2 coincide or the three lie on one line
   */
  public static Plane through(
      float[] x1, float[] x2, float[] x3, int resolution, double rangeLow, double rangeHigh) {
    checkArguments(x1, x2, x3, resolution, rangeLow, rangeHigh);
    double scale = Math.max(norm(x1), Math.max(norm(x2), norm(x3)));

    double[] a = difference(x2, x1);
    double[] u = direction(a, scale, "the first two inputs are the same point");
    double[] b = difference(x3, x1);
    double[] w = plusScaled(b, -dot(u, b), u);
    double[] v = direction(w, scale, "the third input lies on the line through the first two");

    double[][] anchors = {{0, 0}, {norm(a), 0}, {dot(u, b), dot(v, b)}};
    double[] s = axis(anchors, 0, resolution, rangeLow, rangeHigh);
    double[] t = axis(anchors, 1, resolution, rangeLow, rangeHigh);
    return new Plane(Vectors.toDouble(x1), u, v, anchors, s, t);
  }

  /** R, the number of grid points along each axis. */
  public int resolution() {
    return s.length;
  }

  /** The inputs' length, the number of features of every point. */
  public int features() {
    return origin.length;
  }

  /** The R coordinates s_i along u, increasing. */
  public double[] s() {
    return s.clone();
  }

  /** The R coordinates t_j along v, increasing. */
  public double[] t() {
    return t.clone();
  }

  /** The (s, t) coordinates of x1, x2 and x3, one row each. */
  public double[][] anchorCoordinates() {
    return new double[][] {anchors[0].clone(), anchors[1].clone(), anchors[2].clone()};
  }

  /** x1, the plane's origin. */
  public float[] origin() {
    return Vectors.toFloat(origin);
  }

  public float[] u() {
    return Vectors.toFloat(u);
  }

  public float[] v() {
    return Vectors.toFloat(v);
  }

  /** Grid point (i, j): x1 + s_i u + t_j v. */
  public float[] point(int i, int j) {
    return Vectors.toFloat(plusScaled(plusScaled(origin, s[i], u), t[j], v));
  }

  /** x scaled to unit length, unless x is too short to be told from the inputs' rounding. */
  private static double[] direction(double[] x, double scale, String degenerate) {
    double length = norm(x);
    if (length <= TOLERANCE * scale) {
      throw new DegenerateTripletException(
          "degenerate triplet: %s (a difference of norm %g between inputs of norm up to %g);"
                  .formatted(degenerate, length, scale)
              + " pick other inputs");
    }
    return Vectors.scaled(x, 1 / length);
  }

  private static double[] axis(
      double[][] anchors, int axis, int resolution, double rangeLow, double rangeHigh) {
    double low = Math.min(anchors[0][axis], Math.min(anchors[1][axis], anchors[2][axis]));
    double high = Math.max(anchors[0][axis], Math.max(anchors[1][axis], anchors[2][axis]));
    double length = high - low;
    return linspace(low - rangeLow * length, high + rangeHigh * length, resolution);
  }

  private static double[] linspace(double from, double to, int count) {
    double[] values = new double[count];
    double step = (to - from) / (count - 1);
    for (int i = 0; i < count; i++) {
      values[i] = from + i * step;
    }
    values[count - 1] = to;
    return values;
  }

  private static void checkArguments(
      float[] x1, float[] x2, float[] x3, int resolution, double rangeLow, double rangeHigh) {
    if (x1.length != x2.length || x1.length != x3.length) {
      throw new IllegalArgumentException(
          "a plane needs three inputs of one length, got %d, %d and %d"
              .formatted(x1.length, x2.length, x3.length));
    }
    if (resolution < 2) {
      throw new IllegalArgumentException("plane resolution must be at least 2, got " + resolution);
    }
    if (!(rangeLow >= 0 && rangeHigh >= 0 && Double.isFinite(rangeLow + rangeHigh))) {
      throw new IllegalArgumentException(
          "plane range extensions must be finite and non-negative, got low=%s high=%s"
              .formatted(rangeLow, rangeHigh));
    }
  }
}
