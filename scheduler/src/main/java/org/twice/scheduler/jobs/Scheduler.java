package org.twice.scheduler.jobs;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;
import org.twice.store.TaskStore;

/**
 * The scheduler's periodic work on Quartz, clustered through its JDBC job store in twice's
 * database: however many schedulers run, each job fires once per period. The caller closes it.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final String DATA_SOURCE = "twice";

  private final org.quartz.Scheduler quartz;
  private final Services.Counters counters = new Services.Counters();

  public Scheduler(
      Database database, TaskStore tasks, ExperimentStore experiments, Duration period) {
    try {
      DBConnectionManager.getInstance()
          .addConnectionProvider(DATA_SOURCE, new PoolConnectionProvider(database.dataSource()));
      quartz = new StdSchedulerFactory(properties()).getScheduler();
      JobRuns runs = new JobRuns(database.jdbi(), quartz.getSchedulerInstanceId());
      quartz.getContext().put(Services.KEY, new Services(tasks, experiments, runs, counters));
      schedule(ReclaimLeasesJob.class, "reclaim-leases", period);
      schedule(CloseExperimentsJob.class, "close-experiments", period);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot set up the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  public void start() {
    try {
      quartz.start();
      log.info("scheduler started instance={}", quartz.getSchedulerInstanceId());
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  /** How many times this process ran the lease reclaiming job; for tests of clustering. */
  public long reclaimRuns() {
    return counters.reclaimRuns.get();
  }

  @Override
  public void close() {
    try {
      quartz.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("scheduler did not shut down cleanly: {}", e.toString());
    }
  }

  private void schedule(Class<? extends Job> job, String name, Duration period)
      throws SchedulerException {
    JobDetail detail = JobBuilder.newJob(job).withIdentity(name, "twice").storeDurably().build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(name, "twice")
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(period.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .startNow()
            .build();
    quartz.scheduleJob(detail, Set.of(trigger), true);
  }

  private static Properties properties() {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "twice");
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
    p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
    return p;
  }
}
