-- Views for people with psql and for the dashboards.

CREATE VIEW experiment_progress AS
SELECT e.id AS experiment_id, e.name, e.state, e.submitted_at, e.finished_at,
       count(t.id) AS tasks,
       count(t.id) FILTER (WHERE t.state = 'succeeded') AS succeeded,
       count(t.id) FILTER (WHERE t.state = 'running') AS running,
       count(t.id) FILTER (WHERE t.state IN ('ready', 'waiting')) AS queued,
       count(t.id) FILTER (WHERE t.state = 'failed') AS failed,
       count(t.id) FILTER (WHERE t.state = 'blocked') AS blocked,
       count(t.id) FILTER (WHERE t.state = 'cancelled') AS cancelled,
       count(t.id) FILTER (WHERE et.reused) AS reused
FROM experiments e
LEFT JOIN experiment_tasks et ON et.experiment_id = e.id
LEFT JOIN tasks t ON t.id = et.task_id
GROUP BY e.id;

CREATE VIEW experiment_task_states AS
SELECT et.experiment_id, t.kind, t.state, count(*) AS tasks
FROM experiment_tasks et
JOIN tasks t ON t.id = et.task_id
GROUP BY et.experiment_id, t.kind, t.state;

CREATE VIEW task_status AS
SELECT et.experiment_id, t.id AS task_id, t.kind, t.label, t.state, t.attempt, t.max_attempts,
       t.lease_owner AS worker_id, t.progress, t.not_before, t.blocked_by, t.error,
       et.reused, t.created_at, t.started_at, t.finished_at
FROM experiment_tasks et
JOIN tasks t ON t.id = et.task_id;

CREATE VIEW worker_status AS
SELECT w.id AS worker_id, w.host, w.pid, w.kinds, w.concurrency, w.state, w.started_at,
       w.last_heartbeat, w.tasks_done,
       (SELECT string_agg(t.id::text, ',' ORDER BY t.id)
          FROM tasks t WHERE t.state = 'running' AND t.lease_owner = w.id) AS current_tasks
FROM workers w;

CREATE VIEW model_results AS
SELECT et.experiment_id, m.*
FROM models m
JOIN experiment_tasks et ON et.task_id = m.task_id;

CREATE VIEW reproducibility_pairs AS
SELECT et.experiment_id, p.*, a.label AS first_label, b.label AS second_label
FROM pair_scores p
JOIN experiment_tasks et ON et.task_id = p.task_id
JOIN tasks a ON a.id = p.first_model_id
JOIN tasks b ON b.id = p.second_model_id;

CREATE VIEW reproducibility_matrix AS
SELECT et.experiment_id, g.*
FROM group_scores g
JOIN experiment_tasks et ON et.task_id = g.task_id;
