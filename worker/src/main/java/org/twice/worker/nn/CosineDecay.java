package org.twice.worker.nn;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate falling along half a cosine wave from its initial value at step 0 to 0 at step
 * {@code steps}, and staying 0 after. Stored with the network's configuration as JSON.
 */
public final class CosineDecay implements ISchedule {
  private final double initialValue;
  private final int steps;

  public CosineDecay(
      @JsonProperty("initialValue") double initialValue, @JsonProperty("steps") int steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("a cosine schedule needs steps > 0, got " + steps);
    }
    this.initialValue = initialValue;
    this.steps = steps;
  }

  @JsonProperty("initialValue")
  public double initialValue() {
    return initialValue;
  }

  @JsonProperty("steps")
  public int steps() {
    return steps;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    double done = Math.min(1.0, (double) iteration / steps);
    return initialValue * 0.5 * (1 + Math.cos(Math.PI * done));
  }

  @Override
  public ISchedule clone() {
    return new CosineDecay(initialValue, steps);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CosineDecay c && c.initialValue == initialValue && c.steps == steps;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(initialValue) * 31 + steps;
  }
}
