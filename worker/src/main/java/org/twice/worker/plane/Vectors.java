package org.twice.worker.plane;

/** The few vector operations a plane needs, in double precision. */
final class Vectors {
  private Vectors() {}

  static double[] difference(float[] x, float[] y) {
    double[] d = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      d[k] = (double) x[k] - y[k];
    }
    return d;
  }

  static double dot(double[] x, double[] y) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      sum += x[k] * y[k];
    }
    return sum;
  }

  static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
  }

  static double norm(float[] x) {
    double sum = 0;
    for (float value : x) {
      sum += (double) value * value;
    }
    return Math.sqrt(sum);
  }

  /** x + factor * y, as a new vector. */
  static double[] plusScaled(double[] x, double factor, double[] y) {
    double[] sum = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      sum[k] = x[k] + factor * y[k];
    }
    return sum;
  }

  static double[] scaled(double[] x, double factor) {
    return plusScaled(new double[x.length], factor, x);
  }

  static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      d[k] = x[k];
    }
    return d;
  }

  static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      f[k] = (float) x[k];
    }
    return f;
  }

  /** The point {@code from + distance * unit}, in float. */
  static float[] along(float[] from, double[] unit, double distance) {
    float[] point = new float[from.length];
    for (int k = 0; k < from.length; k++) {
      point[k] = (float) (from[k] + distance * unit[k]);
    }
    return point;
  }
}
