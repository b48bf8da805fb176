-- An experiment's running tasks with their worker, attempt and progress.
SELECT task_id, kind, label, worker_id, attempt, max_attempts, progress, started_at
FROM task_status
WHERE experiment_id = :experiment AND state = 'running'
ORDER BY task_id
