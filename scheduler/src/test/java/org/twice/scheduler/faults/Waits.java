package org.twice.scheduler.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline, never on the clock alone. */
final class Waits {
  private Waits() {}

  static void until(Duration deadline, String what, BooleanSupplier condition)
      throws InterruptedException {
    Instant end = Instant.now().plus(deadline);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("waited " + deadline + " for " + what);
      }
      Thread.sleep(100);
    }
  }
}
