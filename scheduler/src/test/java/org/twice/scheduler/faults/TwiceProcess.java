package org.twice.scheduler.faults;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code twice} command in a JVM of its own, as on another host; killed like a real one. */
final class TwiceProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private TwiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static TwiceProcess start(Path logs, String name, String... args) throws IOException {
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Djava.awt.headless=true");
    command.add("-Dtwice.console.level=INFO");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.twice.scheduler.cli.Twice");
    command.addAll(List.of(args));
    Path log = logs.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(new File(System.getProperty("user.dir")))
            .start();
    return new TwiceProcess(process, log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** SIGKILL: the process dies at once, mid-task, with no chance to hand anything back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGSTOP: the process freezes, heartbeat and all, until it is continued. */
  void freeze() throws IOException, InterruptedException {
    signal("-STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("-CONT");
  }

  /** SIGTERM, then waits for the process to finish what it was doing. */
  void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
