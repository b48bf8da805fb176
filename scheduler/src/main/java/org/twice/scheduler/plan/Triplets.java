package org.twice.scheduler.plan;

import java.util.List;
import org.twice.scheduler.spec.DatasetSpec;
import org.twice.scheduler.spec.ModelSpec;
import org.twice.scheduler.spec.PlaneSpec;
import org.twice.scheduler.spec.Spec;
import org.twice.worker.data.DatasetLoader;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.LabelNoise;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.plane.Triplet;
import org.twice.worker.plane.TripletSampler;

/**
 * Samples an experiment's triplets once, from the spec's seed, in the spec's mode; every model of
 * the experiment is probed on these.
 */
final class Triplets {
  private Triplets() {}

  /** The images the triplets index: test images, or training images in mislabeled mode. */
  static String split(PlaneSpec planes) {
    return planes.mode().equals("mislabeled") ? "train" : "test";
  }

  static List<List<Integer>> sample(Spec spec) {
    PlaneSpec planes = spec.planes();
    try {
      List<Triplet> triplets =
          switch (planes.mode()) {
            case "given" -> given(planes, testLabels(spec.dataset()).length);
            case "same_class" ->
                TripletSampler.sameClass(
                    testLabels(spec.dataset()), planes.triplets(), planes.seed());
            case "mislabeled" -> mislabeled(spec);
            default ->
                TripletSampler.distinctClasses(
                    testLabels(spec.dataset()), planes.triplets(), planes.seed());
          };
      return triplets.stream().map(t -> List.of(t.first(), t.second(), t.third())).toList();
    } catch (IllegalArgumentException e) {
      throw new PlanException(
          "cannot sample planes.mode "
              + planes.mode()
              + " triplets for "
              + spec.file()
              + ": "
              + e.getMessage());
    }
  }

  private static List<Triplet> given(PlaneSpec planes, int testImages) {
    for (List<Integer> ids : planes.ids()) {
      for (int id : ids) {
        if (id >= testImages) {
          throw new IllegalArgumentException(
              "planes.ids %s names test image %d, but the test set has %d images (0 to %d)"
                  .formatted(ids, id, testImages, testImages - 1));
        }
      }
    }
    return planes.ids().stream()
        .map(ids -> new Triplet(ids.get(0), ids.get(1), ids.get(2)))
        .toList();
  }

  /** Flipped training points among correct ones, under the grid's largest label noise. */
  private static List<Triplet> mislabeled(Spec spec) {
    DatasetSpec dataset = spec.dataset();
    LoadedDataset data =
        DatasetLoader.load(dataset.kind(), dataset.directory(), dataset.trainSize(), 1);
    ImageSet train = data.train();
    double noise = spec.models().stream().mapToDouble(ModelSpec::labelNoise).max().orElse(0);
    int[] noisy = LabelNoise.apply(train.labels(), data.classes(), noise, dataset.noiseSeed());
    PlaneSpec planes = spec.planes();
    return TripletSampler.mislabeled(train.labels(), noisy, planes.triplets(), planes.seed());
  }

  private static int[] testLabels(DatasetSpec dataset) {
    return DatasetLoader.load(dataset.kind(), dataset.directory(), 1, dataset.testSize())
        .test()
        .labels();
  }
}
