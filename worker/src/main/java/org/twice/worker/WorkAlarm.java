package org.twice.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes idle worker slots when PostgreSQL announces ready tasks (LISTEN twice_tasks), so new work
 * starts within a second; slots also wake on their own after the poll interval, the fallback when
 * the notification connection is down. Thread-safe.
 */
final class WorkAlarm implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WorkAlarm.class);
  private static final String CHANNEL = "twice_tasks";

  private final Supplier<Connection> connections;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition rung = lock.newCondition();
  private volatile boolean running = true;
  private long generation;

  WorkAlarm(Supplier<Connection> connections) {
    this.connections = connections;
  }

  /** Waits until a notification arrives or the timeout passes. */
  void await(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long seen = generation;
      long nanos = timeout.toNanos();
      while (generation == seen && nanos > 0 && running) {
        nanos = rung.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  void ring() {
    lock.lock();
    try {
      generation++;
      rung.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void stop() {
    running = false;
    ring();
  }

  @Override
  public void run() {
    while (running) {
      try (Connection connection = connections.get()) {
        listen(connection);
      } catch (Exception e) {
        if (running) {
          log.warn("notification connection lost: {}; polling until it is back", e.toString());
          sleepQuietly(Duration.ofSeconds(2));
        }
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + CHANNEL);
    }
    PGConnection pg = connection.unwrap(PGConnection.class);
    ring();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(500);
      if (notifications != null && notifications.length > 0) {
        ring();
      }
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
