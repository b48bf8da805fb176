package org.twice.store;

import java.util.Locale;

/**
 * Where a task is in its life. Waiting tasks have unfinished inputs; ready ones may be claimed once
 * their retry delay has passed; blocked ones cannot run because an input failed.
 */
public enum TaskState {
  WAITING,
  READY,
  RUNNING,
  SUCCEEDED,
  FAILED,
  BLOCKED,
  CANCELLED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskState of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == BLOCKED || this == CANCELLED;
  }
}
