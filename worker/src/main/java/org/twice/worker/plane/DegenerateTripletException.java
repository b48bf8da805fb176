package org.twice.worker.plane;

/** Three inputs that span no plane: two coincide, or all three lie on one line. */
public class DegenerateTripletException extends IllegalArgumentException {
  public DegenerateTripletException(String message) {
    super(message);
  }
}
