package org.twice.worker.plane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Computes decision region maps: the class a network predicts at each grid point of a plane, one
 * byte a point (read it unsigned) in the plane's flat order i * R + j. Points of several planes
 * share a batch, and a large plane is split over several.
 */
public final class PlaneEvaluator {
  /** Points per batch by default: one plane of the usual scoring resolution, R = 50. */
  public static final int BATCH_ROWS = 2500;

  private PlaneEvaluator() {}

  /** The map of one plane for a network taking images of the given shape. */
  public static byte[] map(ComputationGraph net, Plane plane, int channels, int height, int width) {
    return maps(net, List.of(plane), channels, height, width).get(0);
  }

  /** The maps of several planes, in their order. */
  public static List<byte[]> maps(
      ComputationGraph net, List<Plane> planes, int channels, int height, int width) {
    try (ArrayPool pool = new ArrayPool()) {
      return maps(net, planes, channels, height, width, pool);
    }
  }

  /**
   * The maps of several planes, in their order, their arrays from the pool. A caller mapping many
   * planes in several calls passes one pool to all of them, so that the later calls reuse the
   * memory of the first.
   */
  public static List<byte[]> maps(
      ComputationGraph net,
      List<Plane> planes,
      int channels,
      int height,
      int width,
      ArrayPool pool) {
    return maps(net, planes, channels, height, width, BATCH_ROWS, pool);
  }

  /**
   * The maps of several planes, feeding the network at most {@code batchRows} points at once. When
   * the network's first layer is a dense layer, it is computed on three rows per plane and combined
   * for the grid points (see {@link AffineStem}); otherwise every point goes through the whole
   * network as in {@link #pointMaps}. Both give the same maps up to float rounding, which may move
   * a point lying on a boundary between two classes.
   */
  public static List<byte[]> maps(
      ComputationGraph net,
      List<Plane> planes,
      int channels,
      int height,
      int width,
      int batchRows,
      ArrayPool pool) {
    checkArguments(planes, channels * height * width, batchRows);
    Optional<AffineStem> stem = AffineStem.of(net);
    if (stem.isEmpty()) {
      return pointMaps(net, planes, channels, height, width, batchRows, pool);
    }
    AffineStem first = stem.get();
    GraphTail tail = new GraphTail(net, first.vertex());
    List<INDArray> bases =
        planes.stream().map(PlaneEvaluator::inputBasis).map(first::basis).toList();
    List<byte[]> maps = emptyMaps(planes);
    for (List<Piece> batch : Piece.pack(planes, batchRows)) {
      int[] classes =
          tail.classes(
              () -> {
                DataType type = bases.get(batch.get(0).plane()).dataType();
                INDArray rows = Nd4j.createUninitialized(type, rows(batch), first.units());
                return first.activations(combine(planes, bases, batch, rows));
              });
      record(maps, batch, classes);
    }
    return maps;
  }

  /**
   * The maps of several planes the plain way: every grid point is built and fed through the whole
   * network, at most {@code batchRows} at once; through its channels-last twin where it has one
   * ({@link NhwcTwin}), which gives the same maps up to float rounding, faster.
   */
  public static List<byte[]> pointMaps(
      ComputationGraph net,
      List<Plane> planes,
      int channels,
      int height,
      int width,
      int batchRows,
      ArrayPool pool) {
    checkArguments(planes, channels * height * width, batchRows);
    Optional<NhwcTwin> twin = NhwcTwin.of(net, channels, height, width);
    List<INDArray> bases = planes.stream().map(PlaneEvaluator::inputBasis).toList();
    List<byte[]> maps = emptyMaps(planes);
    for (List<Piece> batch : Piece.pack(planes, batchRows)) {
      long[] shape = {rows(batch), planes.get(0).features()};
      INDArray points = combine(planes, bases, batch, pool.take(DataType.FLOAT, shape, 'c'));
      int[] classes =
          twin.isPresent()
              ? twin.get().classes(points, pool)
              : net.outputSingle(points).argMax(1).toIntVector();
      pool.give(points);
      record(maps, batch, classes);
    }
    return maps;
  }

  /** The predicted class of each row of points, in one forward pass. */
  public static int[] classify(ComputationGraph net, float[][] points) {
    return net.outputSingle(Nd4j.create(points)).argMax(1).toIntVector();
  }

  private static List<byte[]> emptyMaps(List<Plane> planes) {
    List<byte[]> maps = new ArrayList<>(planes.size());
    for (Plane plane : planes) {
      maps.add(new byte[plane.resolution() * plane.resolution()]);
    }
    return maps;
  }

  /** A plane's rows x1, u and v: its grid points are combinations of them. */
  private static INDArray inputBasis(Plane plane) {
    return Nd4j.create(new float[][] {plane.origin(), plane.u(), plane.v()});
  }

  /**
   * Writes the batch's pieces into {@code rows}, one after another, one row a grid point: each
   * piece's coefficients times its plane's basis, three rows of the plane's inputs (the points
   * themselves) or of the first layer's pre-activations at them. Returns {@code rows}.
   */
  private static INDArray combine(
      List<Plane> planes, List<INDArray> bases, List<Piece> batch, INDArray rows) {
    long at = 0;
    for (Piece piece : batch) {
      INDArray part = rows.get(NDArrayIndex.interval(at, at + piece.rows()));
      Nd4j.gemm(
          coefficients(planes.get(piece.plane()), piece),
          bases.get(piece.plane()),
          part,
          false,
          false,
          1.0,
          0.0);
      at += piece.rows();
    }
    return rows;
  }

  private static long rows(List<Piece> batch) {
    return batch.stream().mapToLong(Piece::rows).sum();
  }

  /** The rows (1, s_i, t_j) of a piece's grid points: times (x1, u, v), the points themselves. */
  private static INDArray coefficients(Plane plane, Piece piece) {
    int resolution = plane.resolution();
    double[] s = plane.s();
    double[] t = plane.t();
    float[] coefficients = new float[3 * piece.rows()];
    for (int row = piece.from(); row < piece.to(); row++) {
      int at = 3 * (row - piece.from());
      coefficients[at] = 1;
      coefficients[at + 1] = (float) s[row / resolution];
      coefficients[at + 2] = (float) t[row % resolution];
    }
    return Nd4j.create(coefficients, new long[] {piece.rows(), 3}, 'c');
  }

  private static void record(List<byte[]> maps, List<Piece> batch, int[] classes) {
    int k = 0;
    for (Piece piece : batch) {
      byte[] map = maps.get(piece.plane());
      for (int row = piece.from(); row < piece.to(); row++) {
        map[row] = (byte) classes[k++];
      }
    }
  }

  private static void checkArguments(List<Plane> planes, int features, int batchRows) {
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batch rows must be positive, got " + batchRows);
    }
    for (Plane plane : planes) {
      if (plane.features() != features) {
        throw new IllegalArgumentException(
            "plane of inputs with %d features for a network taking %d"
                .formatted(plane.features(), features));
      }
    }
  }
}
