-- Ends the task's running attempt: its row in attempts is written from the task row (V18), which
-- the caller then changes in the same transaction. Run after the fence has locked the task, or on
-- a task locked as an expired lease.
INSERT INTO attempts (task_id, attempt, worker_id, started_at, finished_at, outcome, error,
                      stack_trace, resumed_epochs)
SELECT id, attempt, lease_owner, started_at, :now, :outcome, :error, :trace, resumed_epochs
FROM tasks
WHERE id = :task AND attempt = :attempt
