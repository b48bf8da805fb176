package org.twice.worker.plane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.SampleData;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.Networks;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.TrainConfig;
import org.twice.worker.nn.Trainer;

/**
 * The first layer computed on three rows per plane gives the maps of feeding every point: the same
 * class everywhere but, through float rounding, at a few points on a boundary between classes.
 */
class AffineStemTest {
  private static final ImageSet TEST = SampleData.small().test();
  private static final ImageShape SHAPE = new ImageShape(1, 28, 28);

  @Test
  void trainedMlpGivesThePointMaps() {
    assertSameMaps(trained(Architecture.MLP, 32), 500);
  }

  @Test
  void untrainedMlpGivesThePointMaps() {
    assertSameMaps(untrained(Architecture.MLP, 64), 700);
  }

  @Test
  void denseFirstLayersAreComputedApart() {
    assertThat(AffineStem.of(untrained(Architecture.MLP, 8))).isPresent();
  }

  @Test
  void otherFirstLayersAreFedEveryPoint() {
    for (Architecture architecture :
        List.of(Architecture.CNN, Architecture.RESNET18, Architecture.VIT)) {
      assertThat(AffineStem.of(untrained(architecture, 8))).isEmpty();
    }
  }

  /** Trained, so that the biases are not zero. */
  private static ComputationGraph trained(Architecture architecture, int width) {
    TrainConfig config = new TrainConfig(architecture, width, OptimizerKind.ADAM, 1e-2, 1, 32, 4);
    ImageSet train = SampleData.small().train().head(320);
    return Trainer.train(config, train, train.labels(), 10, f -> {});
  }

  private static ComputationGraph untrained(Architecture architecture, int width) {
    return Networks.build(
        new TrainConfig(architecture, width, OptimizerKind.ADAM, 1e-3, 1, 32, 7), SHAPE, 10);
  }

  /** Several planes, split over batches that cut planes, as the plane tasks do. */
  private static void assertSameMaps(ComputationGraph net, int batchRows) {
    List<Plane> planes = List.of(plane(0, 1, 2, 30), plane(3, 4, 5, 17), plane(6, 7, 9, 25));

    List<byte[]> combined;
    List<byte[]> fed;
    try (ArrayPool pool = new ArrayPool()) {
      combined = PlaneEvaluator.maps(net, planes, 1, 28, 28, batchRows, pool);
      fed = PlaneEvaluator.pointMaps(net, planes, 1, 28, 28, 2500, pool);
    }

    int points = 0;
    int differing = 0;
    for (int p = 0; p < planes.size(); p++) {
      int resolution = planes.get(p).resolution();
      for (int at = 0; at < resolution * resolution; at++) {
        points++;
        if (combined.get(p)[at] != fed.get(p)[at]) {
          differing++;
          assertThat(onBoundary(fed.get(p), resolution, at))
              .as("point %d of plane %d", at, p)
              .isTrue();
        }
      }
    }
    assertThat(differing).isLessThanOrEqualTo(points / 500);
  }

  /** Whether a grid point has a neighbour of another class. */
  private static boolean onBoundary(byte[] map, int resolution, int at) {
    int i = at / resolution;
    int j = at % resolution;
    for (int[] step : new int[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
      int ni = i + step[0];
      int nj = j + step[1];
      boolean inside = ni >= 0 && ni < resolution && nj >= 0 && nj < resolution;
      if (inside && map[ni * resolution + nj] != map[at]) {
        return true;
      }
    }
    return false;
  }

  private static Plane plane(int first, int second, int third, int resolution) {
    return Plane.through(
        TEST.image(first), TEST.image(second), TEST.image(third), resolution, 0.1, 0.1);
  }
}
