-- The latest checkpoint of each train task that has not finished: its network with the updater's
-- state (Adam's moments, SGD's momentum, the count of steps taken) after `epochs` epochs, so that
-- the next attempt continues with the epoch after instead of starting over; `train_ms` is the
-- training time those epochs took, over the attempts that trained them. Only the attempt that
-- holds the task's lease writes it; completing the task deletes it.
CREATE TABLE checkpoints (
  task_id    bigint      PRIMARY KEY REFERENCES tasks (id),
  attempt    integer     NOT NULL,
  epochs     integer     NOT NULL CHECK (epochs >= 1),
  train_ms   bigint      NOT NULL CHECK (train_ms >= 0),
  size       bigint      NOT NULL,
  sha256     text        NOT NULL,
  bytes      bytea       NOT NULL,
  written_at timestamptz NOT NULL
);

-- How many epochs an attempt found done in a checkpoint and continued from; NULL for a fresh start.
ALTER TABLE attempts ADD COLUMN resumed_epochs integer;
