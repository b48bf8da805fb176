package org.twice.scheduler.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures a workload's value together with its peak memory. The heap's peak is the sum of the heap
 * pools' peaks; the resident set's peak is Linux's VmHWM, reset before the workload by writing 5 to
 * /proc/self/clear_refs (where that is refused, the peak since the process started).
 */
final class PeakMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final double MB = 1024.0 * 1024.0;

  private PeakMemory() {}

  static Measurement measure(String workload, String unit, DoubleSupplier run) {
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    resetResidentPeak();
    double value = run.getAsDouble();
    long heapPeak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new Measurement(
        workload, unit, value, heapPeak / MB, residentPeakKb() / 1024.0, workspaceBytes() / MB);
  }

  /** The size of this thread's ND4J workspaces, where DL4J keeps a network's activations. */
  private static long workspaceBytes() {
    return Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().stream()
        .mapToLong(MemoryWorkspace::getCurrentSize)
        .sum();
  }

  private static void resetResidentPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | SecurityException e) {
      // The peak then counts from the process's start; the figure says no less than it did.
    }
  }

  /** VmHWM in kB, or -1 where /proc is not there. */
  private static long residentPeakKb() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
