package org.twice.scheduler.bench;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.plane.ArrayPool;
import org.twice.worker.plane.Plane;
import org.twice.worker.plane.PlaneEvaluator;

/**
 * The network workloads, timed as the PyTorch reference times them: training steps on one fixed
 * random batch after untimed ones, and maps of 50 x 50 planes through three random inputs after
 * untimed planes, through the same calls the train and plane tasks make. Each runs at least the
 * reference's count, and longer when that takes under three seconds.
 *
 * <p>The untimed part lasts at least two seconds, and for training at least fifty steps: the JVM
 * compiles DL4J's and ND4J's Java code once it has run it often enough, and a worker trains and
 * maps for minutes to hours, so the figures are the steady state's. (PyTorch runs no JIT, and three
 * steps warm it up.) With only three untimed steps train/mlp256 measured about a third lower, and
 * with two seconds train/resnet18k16, which takes about 20 steps in them, a sixth lower
 * (docs/performance.md).
 */
final class NetworkBench {
  static final int RESOLUTION = 50;
  private static final double RANGE = 0.1;
  private static final int WARM_UP_STEPS = 50;
  private static final double WARM_UP_SECONDS = 2;
  private static final int CLASSES = 10;

  /**
   * Fast workloads repeat past the reference's count until this many seconds have passed: a fifth
   * of a second of planes swings by a factor of three with what else the machine does.
   */
  private static final double MIN_SECONDS = 3;

  private NetworkBench() {}

  /** One step of minibatch training on flat features and one-hot labels. */
  @FunctionalInterface
  interface TrainingStep {
    void fit(INDArray features, INDArray labels);
  }

  /** Images a second over at least {@code steps} steps of minibatch training. */
  static double trainRate(ComputationGraph net, ImageShape shape, int batch, int steps) {
    return trainRate(
        (features, labels) -> net.fit(new INDArray[] {features}, new INDArray[] {labels}),
        shape,
        batch,
        steps);
  }

  /**
   * Images a second over at least {@code steps} steps, each one call of {@code step} on the same
   * batch of random images of {@code shape}.
   */
  static double trainRate(TrainingStep step, ImageShape shape, int batch, int steps) {
    INDArray features = Nd4j.rand(DataType.FLOAT, batch, shape.features());
    INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, CLASSES);
    for (int row = 0; row < batch; row++) {
      labels.putScalar(row, row % CLASSES, 1f);
    }
    long warmUp = System.nanoTime();
    for (int warmed = 0; warmed < WARM_UP_STEPS || seconds(warmUp) < WARM_UP_SECONDS; warmed++) {
      step.fit(features, labels);
    }
    long start = System.nanoTime();
    int done = 0;
    while (done < steps || seconds(start) < MIN_SECONDS) {
      step.fit(features, labels);
      done++;
    }
    return done * (double) batch / seconds(start);
  }

  /**
   * Planes a second: the map of one plane, built from its three inputs, at least {@code planes}
   * times, all with one {@link ArrayPool} as a plane task maps all its planes with one.
   */
  static double planeRate(ComputationGraph net, ImageShape shape, int planes, long seed) {
    Random random = new Random(seed);
    float[][] inputs = new float[3][shape.features()];
    for (float[] input : inputs) {
      for (int k = 0; k < input.length; k++) {
        input[k] = random.nextFloat();
      }
    }
    try (ArrayPool pool = new ArrayPool()) {
      long warmUp = System.nanoTime();
      do {
        onePlane(net, shape, inputs, pool);
      } while (seconds(warmUp) < WARM_UP_SECONDS);
      long start = System.nanoTime();
      int done = 0;
      while (done < planes || seconds(start) < MIN_SECONDS) {
        onePlane(net, shape, inputs, pool);
        done++;
      }
      return done / seconds(start);
    }
  }

  private static byte[] onePlane(
      ComputationGraph net, ImageShape shape, float[][] inputs, ArrayPool pool) {
    Plane plane = Plane.through(inputs[0], inputs[1], inputs[2], RESOLUTION, RANGE, RANGE);
    List<Plane> planes = List.of(plane);
    return PlaneEvaluator.maps(net, planes, shape.channels(), shape.height(), shape.width(), pool)
        .get(0);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
