package org.twice.scheduler.cli;

import java.io.PrintWriter;
import org.twice.scheduler.plan.PlanException;
import org.twice.scheduler.spec.SpecException;
import org.twice.store.StoreException;
import org.twice.worker.data.DatasetException;
import org.twice.worker.nn.NativeBuild;
import org.twice.worker.nn.SameDiffNotices;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code twice} command line. */
@Command(
    name = "twice",
    mixinStandardHelpOptions = true,
    version = "twice 0.1.0",
    description = "Reproducibility and double descent of decision regions, at scale.",
    subcommands = {
      RunCommand.class,
      BenchCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      WorkersCommand.class,
      RetryCommand.class,
      CancelCommand.class,
      WaitCommand.class,
      ResultsCommand.class,
      ExportCommand.class,
      SchedulerCommand.class,
      WorkerCommand.class,
      DashboardCommand.class,
      DbCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Twice implements Runnable {
  /** Exit status for bad input: a bad spec, option or id. */
  static final int BAD_INPUT = 2;

  /** Exit status when the work itself failed or the database could not be reached. */
  static final int FAILED = 1;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a command; `twice help` lists them");
  }

  public static void main(String[] args) {
    NativeBuild.select();
    Logging.configure(args);
    SameDiffNotices.silence();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Twice());
    line.setExecutionExceptionHandler(Twice::handle);
    return line;
  }

  private static int handle(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
    PrintWriter err = line.getErr();
    if (e instanceof SpecException || e instanceof UsageException || e instanceof PlanException) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof DatasetException) {
      err.println("twice: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof StoreException) {
      err.println("twice: " + e.getMessage());
      return FAILED;
    }
    err.println("twice: " + e);
    e.printStackTrace(err);
    return FAILED;
  }
}
