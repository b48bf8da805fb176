package org.twice.scheduler.spec;

import java.math.BigInteger;

/** The integers a field allows, both ends included. */
record IntRange(long min, long max) {
  static IntRange atLeast(long min) {
    return new IntRange(min, Long.MAX_VALUE);
  }

  boolean contains(BigInteger value) {
    return value.compareTo(BigInteger.valueOf(min)) >= 0
        && value.compareTo(BigInteger.valueOf(max)) <= 0;
  }

  @Override
  public String toString() {
    return "an integer from " + min + " to " + max;
  }
}
