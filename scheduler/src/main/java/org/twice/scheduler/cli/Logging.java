package org.twice.scheduler.cli;

import java.util.Set;

/**
 * Chooses how much goes to the console before logging starts: the long-lived processes log their
 * lifecycle and every finished task; commands a person reads the output of show warnings only.
 * Everything also goes to the log file under the twice home.
 */
final class Logging {
  private static final Set<String> SERVICES = Set.of("scheduler", "worker");

  private Logging() {}

  static void configure(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    String level = SERVICES.contains(command) ? "INFO" : "WARN";
    System.setProperty("twice.console.level", System.getProperty("twice.console.level", level));
    String home = System.getenv().getOrDefault("TWICE_HOME", ".twice");
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--home")) {
        home = args[i + 1];
      }
    }
    System.setProperty("twice.home", home);
  }
}
