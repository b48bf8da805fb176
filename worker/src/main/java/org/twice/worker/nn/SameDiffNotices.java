package org.twice.worker.nn;

import java.io.PrintStream;

/**
 * Keeps ND4J's SameDiff from writing a line to standard output for every operation it
 * differentiates: in 1.0.0-M2.1 it prints {@code Added differentiated op ...} unconditionally
 * whenever the transformer and mixer layers build their gradients, hundreds of lines a network,
 * which would bury a command's own output. Everything else written to standard output passes
 * through unchanged. Install once at start, before any network is built.
 */
public final class SameDiffNotices {
  static final String PREFIX = "Added differentiated op ";

  private SameDiffNotices() {}

  /** Replaces standard output with one that drops SameDiff's notices. Idempotent. */
  public static synchronized void silence() {
    if (!(System.out instanceof Filtered)) {
      System.setOut(new Filtered(System.out));
    }
  }

  /** A stream that forwards everything to another but SameDiff's notices. */
  static final class Filtered extends PrintStream {
    Filtered(PrintStream out) {
      super(out, true);
    }

    @Override
    public void println(String line) {
      if (line == null || !line.startsWith(PREFIX)) {
        super.println(line);
      }
    }
  }
}
