-- Every worker with its last heartbeat, current tasks and throughput.
SELECT worker_id, host, state, concurrency, started_at, last_heartbeat, tasks_done,
       current_tasks, tasks_last_hour, tasks_per_hour
FROM worker_activity
ORDER BY state DESC, last_heartbeat DESC
