package org.twice.worker.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A random change made to a training image each time a minibatch takes it, by spec word. */
public enum Augmentation {
  /** Pad 4 pixels of zeros on every side and cut a random window of the original size. */
  CROP("crop"),
  /** Mirror left to right with probability one half. */
  FLIP("flip");

  private final String specName;

  Augmentation(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<Augmentation> bySpecName(String name) {
    return Arrays.stream(values()).filter(a -> a.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(Augmentation::specName).toList();
  }
}
