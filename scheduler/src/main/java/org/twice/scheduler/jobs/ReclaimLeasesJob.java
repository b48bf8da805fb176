package org.twice.scheduler.jobs;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes back the tasks of workers whose leases expired, so other workers can run them. */
@DisallowConcurrentExecution
public final class ReclaimLeasesJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(ReclaimLeasesJob.class);

  @Override
  public void execute(JobExecutionContext context) {
    try {
      Services services = Services.of(context);
      int reclaimed = services.tasks().reclaimExpired();
      services.counters().reclaimRuns.incrementAndGet();
      services.runs().record("reclaim-leases");
      if (reclaimed > 0) {
        log.info("leases reclaimed tasks={}", reclaimed);
      }
    } catch (RuntimeException e) {
      log.warn("reclaiming leases failed: {}; trying again next run", e.toString());
    }
  }
}
