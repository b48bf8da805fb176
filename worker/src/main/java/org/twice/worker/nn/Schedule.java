package org.twice.worker.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the learning rate changes over training, by spec word. */
public enum Schedule {
  /** The same rate throughout. */
  CONSTANT("constant"),
  /** The rate times 0.1 from half of the steps on, times 0.01 from three quarters on. */
  STEP("step"),
  /** The rate along half a cosine wave, from its full value at the start to 0 at the end. */
  COSINE("cosine");

  private final String specName;

  Schedule(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<Schedule> bySpecName(String name) {
    return Arrays.stream(values()).filter(s -> s.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(Schedule::specName).toList();
  }
}
