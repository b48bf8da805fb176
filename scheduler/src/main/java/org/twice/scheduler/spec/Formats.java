package org.twice.scheduler.spec;

import java.math.BigDecimal;
import java.util.List;

/** Writes values into labels and messages the way a researcher would type them. */
final class Formats {
  private Formats() {}

  /** A number as typed: 0.001, not 1.0E-3; 2, not 2.0. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Allowed values or keys for a message: {@code mlp, cnn}. */
  static String words(List<String> words) {
    return String.join(", ", words);
  }
}
