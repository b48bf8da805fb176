package org.twice.store;

import java.time.Duration;

/** Exponential delay before retrying a failed task: base, 2 base, 4 base, ... up to a cap. */
public record Backoff(Duration base, Duration max) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

  /** The delay after the given number of failures (1 for the first). */
  public Duration after(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration delay = base.multipliedBy(1L << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
