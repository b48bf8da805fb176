package org.twice.worker.nn.onednn;

/** A network that a {@link TrainingProgram} cannot run; the message says which part of it. */
public final class UnsupportedNetworkException extends RuntimeException {
  UnsupportedNetworkException(String message) {
    super(message);
  }
}
