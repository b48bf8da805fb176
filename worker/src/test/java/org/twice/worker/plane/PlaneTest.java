package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PlaneTest {
  private static final Offset<Double> CLOSE = within(1e-12);

  @Test
  void axisAlignedTripletGivesTheHandComputedGrid() {
    float[] x1 = {0, 0, 0};
    float[] x2 = {2, 0, 0};
    float[] x3 = {0, 1, 0};

    Plane plane = Plane.through(x1, x2, x3, 3, 0, 0);

    assertThat(plane.s()).containsExactly(0, 1, 2);
    assertThat(plane.t()).containsExactly(0, 0.5, 1);
    assertThat(plane.u()).containsExactly(1, 0, 0);
    assertThat(plane.v()).containsExactly(0, 1, 0);
    assertThat(plane.point(1, 2)).containsExactly(1, 1, 0);
    assertThat(plane.anchorCoordinates()).isDeepEqualTo(new double[][] {{0, 0}, {2, 0}, {0, 1}});
  }

  @Test
  void rangesExtendTheGridByTheirShareOfEachAxis() {
    Plane plane =
        Plane.through(new float[] {0, 0}, new float[] {2, 0}, new float[] {0, 1}, 3, 0.5, 0.5);

    assertThat(plane.s()).containsExactly(-1, 1, 3);
    assertThat(plane.t()).containsExactly(-0.5, 0.5, 1.5);
  }

  @Test
  void skewedTripletSitsAtItsProjectionsAndIsReconstructed() {
    float[] x1 = {1, 1, 1};
    float[] x2 = {4, 5, 1};
    float[] x3 = {-1, 3, 3};

    Plane plane = Plane.through(x1, x2, x3, 101, 0, 0);
    double[][] anchors = plane.anchorCoordinates();

    // a = (3, 4, 0), |a| = 5, u = (0.6, 0.8, 0); b = (-2, 2, 2), u.b = 0.4;
    // w = b - 0.4 u = (-2.24, 1.68, 2), |w|^2 = 12 - 0.4^2, and v.b = |w|.
    assertThat(anchors[1][0]).isCloseTo(5, CLOSE);
    assertThat(anchors[2][0]).isCloseTo(0.4, CLOSE);
    assertThat(anchors[2][1]).isCloseTo(Math.sqrt(11.84), CLOSE);
    assertThat(plane.s()[0]).isEqualTo(0);
    assertThat(plane.s()[100]).isEqualTo(5);
    assertThat(plane.t()[100]).isCloseTo(Math.sqrt(11.84), CLOSE);
    assertThat(plane.point(0, 0)).containsExactly(x1);
    assertThat(plane.point(100, 0)).containsExactly(x2, within(1e-6f));
  }

  @Test
  void gridPointsAtTheAnchorsCoordinatesAreTheInputs() {
    float[] x1 = {0.2f, 0.5f, 0.1f, 0.9f};
    float[] x2 = {0.7f, 0.1f, 0.3f, 0.4f};
    float[] x3 = {0.3f, 0.3f, 0.8f, 0.0f};
    Plane plane = Plane.through(x1, x2, x3, 5, 0.1, 0.1);

    float[][] inputs = {x1, x2, x3};
    double[][] anchors = plane.anchorCoordinates();
    float[] u = plane.u();
    float[] v = plane.v();
    float[] origin = plane.origin();
    for (int k = 0; k < 3; k++) {
      for (int f = 0; f < 4; f++) {
        double rebuilt = origin[f] + anchors[k][0] * u[f] + anchors[k][1] * v[f];
        assertThat(rebuilt).isCloseTo(inputs[k][f], within(1e-6));
      }
    }
    assertThat(dot(u, v)).isCloseTo(0, within(1e-6));
    assertThat(dot(u, u)).isCloseTo(1, within(1e-6));
    assertThat(dot(v, v)).isCloseTo(1, within(1e-6));
  }

  @Test
  void coincidingFirstInputsAreRejected() {
    float[] x = {0.5f, 0.5f};

    assertThatThrownBy(() -> Plane.through(x, x.clone(), new float[] {0, 1}, 3, 0, 0))
        .isInstanceOf(DegenerateTripletException.class)
        .hasMessageContaining("same point");
  }

  @Test
  void collinearInputsAreRejected() {
    float[] x1 = {0.1f, 0.2f, 0.3f};
    float[] x2 = {0.2f, 0.4f, 0.6f};
    float[] x3 = {0.3f, 0.6f, 0.9f};

    assertThatThrownBy(() -> Plane.through(x1, x2, x3, 3, 0, 0))
        .isInstanceOf(DegenerateTripletException.class)
        .hasMessageContaining("line");
    assertThatThrownBy(() -> Plane.through(x1, x2, x1.clone(), 3, 0, 0))
        .isInstanceOf(DegenerateTripletException.class);
  }

  private static double dot(float[] x, float[] y) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      sum += (double) x[k] * y[k];
    }
    return sum;
  }
}
