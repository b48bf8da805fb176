package org.twice.scheduler.spec;

/** The finite numbers a field allows, each end included or not, written as in mathematics. */
record Interval(double low, boolean lowIncluded, double high, boolean highIncluded) {
  static Interval closed(double low, double high) {
    return new Interval(low, true, high, true);
  }

  boolean contains(double value) {
    boolean aboveLow = lowIncluded ? value >= low : value > low;
    boolean belowHigh = highIncluded ? value <= high : value < high;
    return aboveLow && belowHigh;
  }

  @Override
  public String toString() {
    String open = lowIncluded ? "[" : "(";
    String close = highIncluded ? "]" : ")";
    return "a number in " + open + Formats.number(low) + ", " + Formats.number(high) + close;
  }
}
