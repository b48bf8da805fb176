package org.twice.scheduler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.twice.worker.nn.ReferenceNets;

/**
 * The six network workloads of the PyTorch reference (scripts/peer_pytorch.py), with its step and
 * plane counts; quick runs divide them by five.
 */
public final class Workloads {
  private static final long SEED = 0;

  /** A named workload and what it measures. */
  public record Workload(String name, String unit, DoubleSupplier run) {}

  private Workloads() {}

  /** The workloads in the reference's order. */
  public static List<Workload> all(boolean quick) {
    int n = quick ? 5 : 1;
    List<Workload> workloads = new ArrayList<>();
    workloads.add(
        train(
            "train/mlp256",
            () ->
                NetworkBench.trainRate(
                    ReferenceNets.mlp256(SEED), ReferenceNets.GRAY_28, 128, 200 / n)));
    workloads.add(
        train(
            "train/cnn16",
            () ->
                NetworkBench.trainRate(
                    ReferenceNets.cnn16(SEED), ReferenceNets.GRAY_28, 128, 40 / n)));
    workloads.add(
        train(
            "train/resnet18k16",
            () ->
                NetworkBench.trainRate(
                    ReferenceNets.resnet18k16(SEED), ReferenceNets.COLOR_32, 64, 10 / n)));
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
