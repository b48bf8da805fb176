-- Each periodic job's runs, per scheduler instance: how often it ran and when last. With several
-- schedulers clustered through Quartz, the runs of one job add up to one per period in all.
CREATE TABLE scheduler_jobs (
  job      text        NOT NULL,
  instance text        NOT NULL,
  runs     bigint      NOT NULL,
  last_run timestamptz NOT NULL,
  PRIMARY KEY (job, instance)
);
