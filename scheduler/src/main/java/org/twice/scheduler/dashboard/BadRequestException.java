package org.twice.scheduler.dashboard;

/** A request the dashboard cannot answer as asked; its message tells the caller what to change. */
final class BadRequestException extends RuntimeException {
  BadRequestException(String message) {
    super(message);
  }
}
