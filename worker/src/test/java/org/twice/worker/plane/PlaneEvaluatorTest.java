package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.SampleData;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.TrainConfig;
import org.twice.worker.nn.Trainer;

class PlaneEvaluatorTest {
  private static final ImageSet TEST = SampleData.small().test();
  private static ComputationGraph net;

  @BeforeAll
  static void train() {
    TrainConfig config = new TrainConfig(Architecture.MLP, 32, OptimizerKind.ADAM, 1e-3, 1, 32, 4);
    ImageSet train = SampleData.small().train().head(500);
    net = Trainer.train(config, train, train.labels(), 10, f -> {});
  }

  @Test
  void mapHoldsTheArgmaxAtEachGridPoint() {
    Plane plane = plane(0, 1, 2, 20);

    byte[] map = PlaneEvaluator.map(net, plane, 1, 28, 28);

    assertThat(map).hasSize(400);
    for (int[] ij : new int[][] {{0, 0}, {0, 19}, {7, 3}, {12, 12}, {19, 0}, {19, 19}}) {
      float[] point = plane.point(ij[0], ij[1]);

      int predicted = net.outputSingle(Nd4j.create(new float[][] {point})).argMax(1).getInt(0);

      assertThat(map[ij[0] * 20 + ij[1]]).isEqualTo((byte) predicted);
    }
  }

  @Test
  void planesSplitOverBatchesGiveTheSameMaps() {
    List<Plane> planes = List.of(plane(0, 1, 2, 10), plane(3, 4, 5, 7), plane(6, 7, 8, 12));

    List<byte[]> together = PlaneEvaluator.maps(net, planes, 1, 28, 28);
    List<byte[]> inSmallBatches;
    try (ArrayPool pool = new ArrayPool()) {
      inSmallBatches = PlaneEvaluator.maps(net, planes, 1, 28, 28, 37, pool);
    }

    for (int p = 0; p < planes.size(); p++) {
      assertThat(inSmallBatches.get(p)).containsExactly(together.get(p));
      assertThat(together.get(p))
          .containsExactly(PlaneEvaluator.map(net, planes.get(p), 1, 28, 28));
    }
  }

  @Test
  void convolutionalPlanesSplitOverBatchesOfOnePoolGiveTheSameMaps() {
    TrainConfig config = new TrainConfig(Architecture.CNN, 4, OptimizerKind.ADAM, 1e-3, 1, 32, 4);
    ImageSet train = SampleData.small().train().head(200);
    ComputationGraph cnn = Trainer.train(config, train, train.labels(), 10, f -> {});
    List<Plane> planes = List.of(plane(0, 1, 2, 10), plane(3, 4, 5, 7), plane(6, 7, 8, 12));

    List<byte[]> together = PlaneEvaluator.maps(cnn, planes, 1, 28, 28);
    List<byte[]> inSmallBatches;
    List<byte[]> again;
    try (ArrayPool pool = new ArrayPool()) {
      // Batches of 37 rows end with a shorter one, and the second call reuses the first's memory.
      inSmallBatches = PlaneEvaluator.maps(cnn, planes, 1, 28, 28, 37, pool);
      again = PlaneEvaluator.maps(cnn, planes, 1, 28, 28, 37, pool);
    }

    for (int p = 0; p < planes.size(); p++) {
      // The same batches on recycled memory: the very same computation.
      assertThat(again.get(p)).containsExactly(inSmallBatches.get(p));
      // Other batch sizes may take other kernels, whose rounding can move a point on a boundary.
      assertThat(differing(inSmallBatches.get(p), together.get(p)))
          .isLessThanOrEqualTo(together.get(p).length / 100);
    }
  }

  private static int differing(byte[] first, byte[] second) {
    assertThat(first).hasSameSizeAs(second);
    int count = 0;
    for (int i = 0; i < first.length; i++) {
      count += first[i] == second[i] ? 0 : 1;
    }
    return count;
  }

  @Test
  void planeThroughThreeClassesShowsSeveralClasses() {
    Triplet triplet = TripletSampler.distinctClasses(TEST.labels(), 1, 5).get(0);
    Plane plane = plane(triplet.first(), triplet.second(), triplet.third(), 30);

    byte[] map = PlaneEvaluator.map(net, plane, 1, 28, 28);

    Set<Byte> classes = new HashSet<>();
    for (byte value : map) {
      classes.add(value);
    }
    assertThat(classes).hasSizeGreaterThan(1);
  }

  @Test
  void planeOfAnotherShapeIsRejected() {
    Plane small =
        Plane.through(new float[] {0, 0}, new float[] {1, 0}, new float[] {0, 1}, 3, 0, 0);

    assertThatThrownBy(() -> PlaneEvaluator.map(net, small, 1, 28, 28))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 features");
  }

  private static Plane plane(int first, int second, int third, int resolution) {
    return Plane.through(
        TEST.image(first), TEST.image(second), TEST.image(third), resolution, 0.1, 0.1);
  }
}
