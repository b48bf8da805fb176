-- The words a task's state and kind, an attempt's outcome and a worker's state may take are
-- checked against enum types instead of lists written into the checks.
--
-- PostgreSQL keeps a CHECK constraint as the text of its expression and reads, plans and compiles
-- it again in every statement that writes a row of its table. For "state IN (seven words)" the
-- stored text spells out each word byte by byte, and reading it back is most of the check's cost.
-- Every task the queue runs passes through five such checks, in the claim's update of tasks and
-- insert into attempts and the completion's updates of tasks, attempts and workers: about a tenth
-- of the server's time a task (docs/performance.md, The queue). A check that casts the column to
-- an enum type is a single cast to read back; the type holds the words.
--
-- The columns stay text, so nothing that reads or writes them changes. A word outside the type is
-- refused as before, by the cast: "invalid input value for enum task_state". The constraints keep
-- their names.
CREATE TYPE task_state AS ENUM (
  'waiting', 'ready', 'running', 'succeeded', 'failed', 'blocked', 'cancelled');
CREATE TYPE task_kind AS ENUM ('train', 'distill', 'plane', 'score');
CREATE TYPE attempt_outcome AS ENUM (
  'running', 'succeeded', 'failed', 'expired', 'released', 'cancelled');
CREATE TYPE worker_state AS ENUM ('running', 'stopped');

ALTER TABLE tasks
  DROP CONSTRAINT tasks_state_check,
  DROP CONSTRAINT tasks_kind_check,
  ADD CONSTRAINT tasks_state_check CHECK (state::task_state IS NOT NULL),
  ADD CONSTRAINT tasks_kind_check CHECK (kind::task_kind IS NOT NULL);

ALTER TABLE attempts
  DROP CONSTRAINT attempts_outcome_check,
  ADD CONSTRAINT attempts_outcome_check CHECK (outcome::attempt_outcome IS NOT NULL);

ALTER TABLE workers
  DROP CONSTRAINT workers_state_check,
  ADD CONSTRAINT workers_state_check CHECK (state::worker_state IS NOT NULL);
