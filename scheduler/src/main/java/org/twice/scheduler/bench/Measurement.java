package org.twice.scheduler.bench;

import java.util.Locale;

/**
 * One workload's figure and the memory it took: the peak of the Java heap, the peak resident set of
 * the process (heap, native libraries and ND4J's off-heap arrays together) and ND4J's off-heap
 * bytes in use at the end of the workload.
 */
public record Measurement(
    String workload,
    String unit,
    double value,
    double heapPeakMb,
    double rssPeakMb,
    double workspacesMb) {

  /** One line of JSON, in the form of the PyTorch reference script plus the memory figures. */
  public String json(String threads) {
    return String.format(
        Locale.ROOT,
        "{\"workload\": \"%s\", \"unit\": \"%s\", \"value\": %.2f, \"peer\": \"twice\","
            + " \"threads\": %s, \"heap_peak_mb\": %.1f, \"rss_peak_mb\": %.1f,"
            + " \"workspaces_mb\": %.1f}",
        workload,
        unit,
        value,
        threads,
        heapPeakMb,
        rssPeakMb,
        workspacesMb);
  }
}
