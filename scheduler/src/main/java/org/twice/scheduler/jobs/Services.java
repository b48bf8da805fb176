package org.twice.scheduler.jobs;

import java.util.concurrent.atomic.AtomicLong;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.twice.store.ExperimentStore;
import org.twice.store.TaskStore;

/** What the periodic jobs work on, handed to them through the Quartz scheduler's context. */
record Services(TaskStore tasks, ExperimentStore experiments, JobRuns runs, Counters counters) {
  static final String KEY = "twice.services";

  static Services of(JobExecutionContext context) {
    try {
      return (Services) context.getScheduler().getContext().get(KEY);
    } catch (SchedulerException e) {
      throw new IllegalStateException("the scheduler context lost twice's services", e);
    }
  }

  /** How many times each job ran in this process. */
  static final class Counters {
    final AtomicLong reclaimRuns = new AtomicLong();
    final AtomicLong closeRuns = new AtomicLong();
  }
}
