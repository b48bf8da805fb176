package org.twice.scheduler.cli;

import java.util.concurrent.CountDownLatch;

/** Turns SIGTERM and Ctrl-C into an orderly stop of a long-lived command. */
final class Shutdown {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Installs the hook; the hook waits until {@link #done} so the command can hand work back. */
  static Shutdown install() {
    Shutdown shutdown = new Shutdown();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shutdown.requested.countDown();
                  try {
                    shutdown.finished.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "shutdown"));
    return shutdown;
  }

  void await() throws InterruptedException {
    requested.await();
  }

  boolean isRequested() {
    return requested.getCount() == 0;
  }

  void done() {
    finished.countDown();
  }
}
