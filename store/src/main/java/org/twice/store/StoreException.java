package org.twice.store;

/** The root of twice's own failures: what failed, for which thing, and what the user can do. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
