package org.twice.scheduler.jobs;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes experiments that have no task left to run, as succeeded or failed. */
@DisallowConcurrentExecution
public final class CloseExperimentsJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(CloseExperimentsJob.class);

  @Override
  public void execute(JobExecutionContext context) {
    try {
      Services services = Services.of(context);
      services.experiments().closeFinished();
      services.counters().closeRuns.incrementAndGet();
      services.runs().record("close-experiments");
    } catch (RuntimeException e) {
      log.warn("closing experiments failed: {}; trying again next run", e.toString());
    }
  }
}
