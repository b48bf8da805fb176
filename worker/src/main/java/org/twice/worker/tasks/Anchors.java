package org.twice.worker.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.LabelNoise;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.picture.Anchor;
import org.twice.worker.picture.MapPicture;
import org.twice.worker.plane.Margin;
import org.twice.worker.plane.OffManifold;
import org.twice.worker.plane.Plane;

/**
 * The inputs a plane task's triplets name, as the model saw them: from the test or training images,
 * shuffled off the manifold if asked, each with the label the model learned for it.
 */
final class Anchors {
  private final LoadedDataset data;
  private final PlaneParams params;
  private final ImageSet images;
  private final int[] learned;

  Anchors(LoadedDataset data, PlaneParams params) {
    this.data = data;
    this.params = params;
    this.images = params.onTrainingImages() ? data.train() : data.test();
    this.learned = learnedLabels(data, params);
    checkIndices();
  }

  int channels() {
    return images.channels();
  }

  int height() {
    return images.height();
  }

  int width() {
    return images.width();
  }

  List<Plane> planes() {
    List<Plane> planes = new ArrayList<>();
    for (List<Integer> triplet : params.triplets()) {
      planes.add(
          Plane.through(
              image(triplet.get(0)),
              image(triplet.get(1)),
              image(triplet.get(2)),
              params.resolution(),
              params.rangeLow(),
              params.rangeHigh()));
    }
    return planes;
  }

  /**
   * The mean distance, over the six ordered pairs of a triplet's anchors, from one anchor towards
   * the other at which the model's class first changes; NaN if it never changes before the other.
   */
  double meanMargin(int triplet, Function<float[][], int[]> classify) {
    List<Integer> ids = params.triplets().get(triplet);
    float[][] from = new float[6][];
    float[][] towards = new float[6][];
    int k = 0;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        if (a != b) {
          from[k] = image(ids.get(a));
          towards[k++] = image(ids.get(b));
        }
      }
    }
    double[] margins = Margin.along(from, towards, 1.0, classify);
    return Arrays.stream(margins).filter(m -> !Double.isNaN(m)).average().orElse(Double.NaN);
  }

  byte[] picture(int triplet, Plane plane, byte[] map) {
    if (!params.pictures()) {
      return new byte[0];
    }
    List<Integer> ids = params.triplets().get(triplet);
    double[][] coordinates = plane.anchorCoordinates();
    List<Anchor> anchors = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      int id = ids.get(k);
      String name = "x" + (k + 1) + " " + data.kind().classNames().get(learned[id]);
      boolean mislabeled = learned[id] != images.labels()[id];
      anchors.add(new Anchor(coordinates[k][0], coordinates[k][1], name, mislabeled));
    }
    return MapPicture.png(map, plane.s(), plane.t(), data.kind().classNames(), anchors);
  }

  private float[] image(int index) {
    float[] image = images.image(index);
    return params.shuffled() ? OffManifold.shuffled(image, params.shuffleSeed(), index) : image;
  }

  /** Test images keep their labels; training images carry the model's label noise. */
  private static int[] learnedLabels(LoadedDataset data, PlaneParams params) {
    if (!params.onTrainingImages() || params.labelNoise() == 0) {
      return params.onTrainingImages() ? data.train().labels() : data.test().labels();
    }
    return LabelNoise.apply(
        data.train().labels(), data.classes(), params.labelNoise(), params.data().noiseSeed());
  }

  private void checkIndices() {
    for (List<Integer> triplet : params.triplets()) {
      for (int index : triplet) {
        if (index < 0 || index >= images.count()) {
          throw new IllegalArgumentException(
              "triplet %s names %s image %d, but there are %d"
                  .formatted(triplet, params.split(), index, images.count()));
        }
      }
    }
  }
}
