-- Every attempt of an experiment's tasks that failed or whose lease expired, the latest first.
SELECT task_id, kind, label, task_state, attempt, worker_id, outcome, finished_at, error
FROM attempt_failures
WHERE experiment_id = :experiment
ORDER BY finished_at DESC NULLS FIRST, task_id, attempt
