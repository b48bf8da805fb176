package org.twice.scheduler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.ReferenceNets;

/**
 * The six network workloads of the PyTorch reference (scripts/peer_pytorch.py), with its step and
 * plane counts; quick runs divide them by five.
 */
public final class Workloads {
  private static final long SEED = 0;

  /**
   * The reference's training workloads in its order: each network, its images, its batch size and
   * the reference's number of steps.
   */
  static final List<Training> TRAINING =
      List.of(
          new Training("mlp256", () -> ReferenceNets.mlp256(SEED), ReferenceNets.GRAY_28, 128, 200),
          new Training("cnn16", () -> ReferenceNets.cnn16(SEED), ReferenceNets.GRAY_28, 128, 40),
          new Training(
              "resnet18k16",
              () -> ReferenceNets.resnet18k16(SEED),
              ReferenceNets.COLOR_32,
              64,
              10));

  /** A named workload and what it measures. */
  public record Workload(String name, String unit, DoubleSupplier run) {}

  /** A training workload: a new network each call of {@code net}. */
  record Training(
      String network, Supplier<ComputationGraph> net, ImageShape shape, int batch, int steps) {}

  private Workloads() {}

  /** The workloads in the reference's order. */
  public static List<Workload> all(boolean quick) {
    int n = quick ? 5 : 1;
    List<Workload> workloads = new ArrayList<>();
    for (Training training : TRAINING) {
      workloads.add(
          train(
              "train/" + training.network(),
              () ->
                  NetworkBench.trainRate(
                      training.net().get(),
                      training.shape(),
                      training.batch(),
                      training.steps() / n)));
    }
    workloads.add(
        plane(
            "plane/mlp256",
            () ->
                NetworkBench.planeRate(
                    ReferenceNets.mlp256(SEED), ReferenceNets.GRAY_28, 20 / n, SEED)));
    workloads.add(
        plane(
            "plane/cnn16",
            () ->
                NetworkBench.planeRate(
                    ReferenceNets.cnn16(SEED), ReferenceNets.GRAY_28, Math.max(1, 5 / n), SEED)));
    workloads.add(
        plane(
            "plane/resnet18k16",
            () ->
                NetworkBench.planeRate(
                    ReferenceNets.resnet18k16(SEED), ReferenceNets.COLOR_32, 1, SEED)));
    return workloads;
  }

  /** Runs a workload and measures its memory. */
  public static Measurement measure(Workload workload) {
    return PeakMemory.measure(workload.name(), workload.unit(), workload.run());
  }

  /** Measures something timed elsewhere, such as the quickstart or the queue. */
  public static Measurement measure(String name, String unit, DoubleSupplier run) {
    return PeakMemory.measure(name, unit, run);
  }

  private static Workload train(String name, DoubleSupplier run) {
    return new Workload(name, "img/s", run);
  }

  private static Workload plane(String name, DoubleSupplier run) {
    return new Workload(name, "planes/s", run);
  }
}
