package org.twice.scheduler.cli;

/** Bad input on the command line: the command exits with status 2 and this message. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
