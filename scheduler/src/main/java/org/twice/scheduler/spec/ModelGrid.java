package org.twice.scheduler.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;

/**
 * The values of each field of the {@code models} section, whose cartesian product is the list of
 * models. Each list holds distinct values, so every grid point is distinct. Augmentation and SAM's
 * radius are no axes: every model takes the same, and models whose optimizer is not SAM take a
 * radius of 0.
 */
record ModelGrid(
    List<Architecture> architectures,
    List<Integer> widths,
    List<OptimizerKind> optimizers,
    List<Double> learningRates,
    List<Integer> epochs,
    List<Integer> batchSizes,
    List<Double> labelNoises,
    List<Schedule> schedules,
    List<Long> seeds,
    Set<Augmentation> augmentations,
    double samRho) {
  /** How many models the grid holds; a careless grid can hold more than a long can count. */
  BigInteger size() {
    return axes().stream()
        .map(axis -> BigInteger.valueOf(axis.size()))
        .reduce(BigInteger.ONE, BigInteger::multiply);
  }

  /** Every grid point, with the first field outermost and the seed innermost. */
  List<ModelSpec> expand() {
    List<ModelSpec> models = new ArrayList<>();
    int size = size().intValueExact();
    for (int n = 0; n < size; n++) {
      models.add(model(indices(n)));
    }
    return List.copyOf(models);
  }

  private ModelSpec model(int[] at) {
    return new ModelSpec(
        architectures.get(at[0]),
        widths.get(at[1]),
        optimizers.get(at[2]),
        learningRates.get(at[3]),
        epochs.get(at[4]),
        batchSizes.get(at[5]),
        seeds.get(at[8]),
        labelNoises.get(at[6]),
        schedules.get(at[7]),
        augmentations,
        optimizers.get(at[2]) == OptimizerKind.SAM ? samRho : 0);
  }

  /** The n-th grid point's index on each axis, counting with the last axis fastest. */
  private int[] indices(int n) {
    List<List<?>> axes = axes();
    int[] at = new int[axes.size()];
    for (int axis = axes.size() - 1; axis >= 0; axis--) {
      at[axis] = n % axes.get(axis).size();
      n /= axes.get(axis).size();
    }
    return at;
  }

  private List<List<?>> axes() {
    return List.of(
        architectures,
        widths,
        optimizers,
        learningRates,
        epochs,
        batchSizes,
        labelNoises,
        schedules,
        seeds);
  }
}
