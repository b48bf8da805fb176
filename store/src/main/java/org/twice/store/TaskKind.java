package org.twice.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a task does: train a network, distill one, map its decision regions, or score maps. */
public enum TaskKind {
  TRAIN,
  DISTILL,
  PLANE,
  SCORE;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TaskKind> byWord(String word) {
    return Arrays.stream(values()).filter(k -> k.word().equals(word)).findFirst();
  }
}
