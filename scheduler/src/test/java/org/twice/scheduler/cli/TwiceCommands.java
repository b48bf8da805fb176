package org.twice.scheduler.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The twice command line for tests in other packages: parses arguments exactly as {@code twice}
 * would, without running anything. Stateless and thread-safe.
 */
public final class TwiceCommands {
  private TwiceCommands() {}

  /**
   * The names of the commands the arguments select, e.g. {@code [twice, db, migrate]}.
   *
   * @throws CommandLine.ParameterException when twice would reject the arguments: an unknown
   *     command or option, or a missing or malformed value
   */
  public static List<String> parse(List<String> args) {
    ParseResult parsed = Twice.commandLine().parseArgs(args.toArray(String[]::new));
    List<String> names = new ArrayList<>();
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      names.add(level.commandSpec().name());
    }
    return names;
  }
}
