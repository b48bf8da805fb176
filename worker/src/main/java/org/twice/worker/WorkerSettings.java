package org.twice.worker;

import java.time.Duration;
import java.util.List;
import org.twice.store.TaskKind;

/**
 * How a worker works: which kinds of task it takes, how many at once, how long its leases last, how
 * often it polls when no notification comes, and how long it lets tasks finish on shutdown.
 */
public record WorkerSettings(
    String workerId,
    List<TaskKind> kinds,
    int concurrency,
    Duration leaseDuration,
    Duration pollInterval,
    Duration shutdownGrace) {

  public WorkerSettings {
    kinds = List.copyOf(kinds);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("a worker must take at least one kind of task");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
  }

  public Duration heartbeatInterval() {
    return leaseDuration.dividedBy(3);
  }
}
