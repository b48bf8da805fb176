-- Every experiment with its progress, the newest first.
SELECT experiment_id, name, state, submitted_at, finished_at, tasks, succeeded, running, queued,
       failed, blocked, cancelled, reused
FROM experiment_progress
ORDER BY experiment_id DESC
