package org.twice.worker.data;

/** A dataset's files are missing, truncated or not what their kind promises. */
public class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
