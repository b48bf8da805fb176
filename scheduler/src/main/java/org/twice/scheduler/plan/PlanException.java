package org.twice.scheduler.plan;

/**
 * A valid spec that cannot be planned against its data, such as a triplet naming an image the test
 * set does not have. Nothing is written.
 */
public final class PlanException extends RuntimeException {
  public PlanException(String message) {
    super(message);
  }
}
