-- The task graph: experiments, their tasks, the edges between tasks, attempts and workers.
-- Times are written by the application from its clock, so tests can move time.

CREATE TABLE experiments (
  id           bigserial PRIMARY KEY,
  name         text        NOT NULL,
  spec_path    text        NOT NULL,
  spec_text    text        NOT NULL,
  settings     jsonb       NOT NULL,
  state        text        NOT NULL DEFAULT 'running'
               CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
  submitted_at timestamptz NOT NULL,
  finished_at  timestamptz
);

CREATE TABLE tasks (
  id               bigserial PRIMARY KEY,
  key              text             NOT NULL UNIQUE,
  kind             text             NOT NULL CHECK (kind IN ('train', 'distill', 'plane', 'score')),
  label            text             NOT NULL,
  params           jsonb            NOT NULL,
  state            text             NOT NULL
                   CHECK (state IN ('waiting', 'ready', 'running', 'succeeded', 'failed',
                                    'blocked', 'cancelled')),
  attempt          integer          NOT NULL DEFAULT 0,
  failures         integer          NOT NULL DEFAULT 0,
  max_attempts     integer          NOT NULL CHECK (max_attempts >= 1),
  not_before       timestamptz      NOT NULL,
  lease_owner      text,
  lease_expires_at timestamptz,
  progress         double precision NOT NULL DEFAULT 0,
  blocked_by       bigint REFERENCES tasks (id),
  error            text,
  created_at       timestamptz      NOT NULL,
  started_at       timestamptz,
  finished_at      timestamptz
);

CREATE INDEX tasks_ready ON tasks (not_before, id) WHERE state = 'ready';
CREATE INDEX tasks_running ON tasks (lease_expires_at) WHERE state = 'running';

CREATE TABLE task_edges (
  parent_id bigint NOT NULL REFERENCES tasks (id),
  child_id  bigint NOT NULL REFERENCES tasks (id),
  PRIMARY KEY (parent_id, child_id)
);

CREATE INDEX task_edges_child ON task_edges (child_id);

CREATE TABLE experiment_tasks (
  experiment_id bigint  NOT NULL REFERENCES experiments (id),
  task_id       bigint  NOT NULL REFERENCES tasks (id),
  reused        boolean NOT NULL,
  PRIMARY KEY (experiment_id, task_id)
);

CREATE INDEX experiment_tasks_task ON experiment_tasks (task_id);

CREATE TABLE workers (
  id             text        PRIMARY KEY,
  host           text        NOT NULL,
  pid            bigint      NOT NULL,
  kinds          text[]      NOT NULL,
  concurrency    integer     NOT NULL,
  state          text        NOT NULL CHECK (state IN ('running', 'stopped')),
  started_at     timestamptz NOT NULL,
  last_heartbeat timestamptz NOT NULL,
  tasks_done     integer     NOT NULL DEFAULT 0
);

CREATE TABLE attempts (
  task_id     bigint      NOT NULL REFERENCES tasks (id),
  attempt     integer     NOT NULL,
  worker_id   text        NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  outcome     text        NOT NULL
              CHECK (outcome IN ('running', 'succeeded', 'failed', 'expired', 'released',
                                 'cancelled')),
  error       text,
  stack_trace text,
  PRIMARY KEY (task_id, attempt)
);

-- Workers wake within a second of new work: every task that becomes ready notifies its kind.
CREATE FUNCTION notify_task_ready() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('twice_tasks', NEW.kind);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tasks_ready_notify
  AFTER INSERT OR UPDATE OF state ON tasks
  FOR EACH ROW WHEN (NEW.state = 'ready')
  EXECUTE FUNCTION notify_task_ready();
