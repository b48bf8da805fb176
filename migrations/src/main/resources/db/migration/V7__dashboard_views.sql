-- Views for the dashboards: the built-in web dashboard and the Grafana dashboards read these and
-- nothing else, so both show the same numbers.

-- The class names of each dataset, and one colour per class for decision-region pictures.
CREATE TABLE dataset_classes (
  dataset text    NOT NULL,
  class   integer NOT NULL,
  name    text    NOT NULL,
  colour  text    NOT NULL,
  PRIMARY KEY (dataset, class)
);

INSERT INTO dataset_classes (dataset, class, name, colour)
SELECT d.dataset, n.class - 1, n.name, c.colour
FROM (VALUES ('fashion-mnist',
              ARRAY['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt',
                    'Sneaker', 'Bag', 'Ankle boot']),
             ('mnist', ARRAY['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
             ('cifar10',
              ARRAY['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse',
                    'ship', 'truck'])) d (dataset, names)
CROSS JOIN LATERAL unnest(d.names) WITH ORDINALITY n (name, class)
JOIN unnest(ARRAY['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
                  '#7f7f7f', '#bcbd22', '#17becf']) WITH ORDINALITY c (colour, class)
  ON c.class = n.class;

-- Each task's times: when it became ready (created, or when its last input finished), when its
-- first attempt started, how long it waited and how long its succeeding attempt ran. Reused
-- tasks ran for another experiment and are left out.
CREATE VIEW task_timings AS
SELECT et.experiment_id, t.id AS task_id, t.kind, t.label, t.state,
       r.ready_at, a.first_started_at, t.finished_at,
       extract(epoch FROM a.first_started_at - r.ready_at) AS wait_s,
       extract(epoch FROM a.run_time) AS run_s,
       a.attempts
FROM experiment_tasks et
JOIN tasks t ON t.id = et.task_id
CROSS JOIN LATERAL (
  SELECT greatest(t.created_at, max(p.finished_at)) AS ready_at
  FROM task_edges e
  JOIN tasks p ON p.id = e.parent_id
  WHERE e.child_id = t.id
) r
CROSS JOIN LATERAL (
  SELECT min(x.started_at) AS first_started_at, count(*) AS attempts,
         max(x.finished_at - x.started_at) FILTER (WHERE x.outcome = 'succeeded') AS run_time
  FROM attempts x
  WHERE x.task_id = t.id
) a
WHERE NOT et.reused;

-- Queue wait and run time per kind, in seconds.
CREATE VIEW kind_timings AS
SELECT experiment_id, kind, count(*) AS tasks,
       avg(wait_s) AS wait_mean_s,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_s) AS wait_median_s,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY wait_s) AS wait_p95_s,
       max(wait_s) AS wait_max_s,
       avg(run_s) AS run_mean_s,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY run_s) AS run_median_s,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY run_s) AS run_p95_s,
       max(run_s) AS run_max_s
FROM task_timings
WHERE first_started_at IS NOT NULL
GROUP BY experiment_id, kind;

-- Tasks by kind and state at 61 evenly spaced moments from an experiment's submission to its end
-- (or now): queued (not started), running, succeeded, and failed (failed, blocked or cancelled).
-- Reused tasks count as succeeded from the start.
CREATE VIEW task_states_over_time AS
WITH moments AS (
  SELECT e.id AS experiment_id,
         e.submitted_at + (coalesce(e.finished_at, greatest(now(), e.submitted_at)) - e.submitted_at)
           * s.step / 60 AS at
  FROM experiments e
  CROSS JOIN generate_series(0, 60) s (step)
)
SELECT m.experiment_id, m.at, t.kind,
       count(*) FILTER (WHERE NOT et.reused AND (t.started_at IS NULL OR t.started_at > m.at)
                          AND (t.finished_at IS NULL OR t.finished_at > m.at)) AS queued,
       count(*) FILTER (WHERE NOT et.reused AND t.started_at <= m.at
                          AND (t.finished_at IS NULL OR t.finished_at > m.at)) AS running,
       count(*) FILTER (WHERE et.reused OR (t.state = 'succeeded' AND t.finished_at <= m.at))
         AS succeeded,
       count(*) FILTER (WHERE NOT et.reused AND t.state <> 'succeeded' AND t.finished_at <= m.at)
         AS failed
FROM moments m
JOIN experiment_tasks et ON et.experiment_id = m.experiment_id
JOIN tasks t ON t.id = et.task_id
GROUP BY m.experiment_id, m.at, t.kind;

-- Every attempt that did not succeed, with its error.
CREATE VIEW attempt_failures AS
SELECT et.experiment_id, t.id AS task_id, t.kind, t.label, t.state AS task_state, a.attempt,
       a.worker_id, a.outcome, a.started_at, a.finished_at, a.error
FROM experiment_tasks et
JOIN tasks t ON t.id = et.task_id
JOIN attempts a ON a.task_id = t.id
WHERE a.outcome IN ('failed', 'expired');

-- Workers with their current tasks by label and their throughput: attempts finished in the last
-- hour before their last heartbeat, and per hour since they started.
CREATE VIEW worker_activity AS
SELECT w.id AS worker_id, w.host, w.state, w.concurrency, w.started_at, w.last_heartbeat,
       w.tasks_done,
       (SELECT string_agg(t.id || ' ' || t.label, ', ' ORDER BY t.id)
          FROM tasks t WHERE t.state = 'running' AND t.lease_owner = w.id) AS current_tasks,
       (SELECT count(*) FROM attempts a
         WHERE a.worker_id = w.id AND a.outcome = 'succeeded'
           AND a.finished_at > w.last_heartbeat - interval '1 hour') AS tasks_last_hour,
       w.tasks_done / greatest(extract(epoch FROM w.last_heartbeat - w.started_at) / 3600,
                               1.0 / 60) AS tasks_per_hour
FROM workers w;

-- Attempts per worker, hour and kind.
CREATE VIEW worker_throughput AS
SELECT a.worker_id, date_trunc('hour', a.finished_at) AS hour, t.kind,
       count(*) FILTER (WHERE a.outcome = 'succeeded') AS succeeded,
       count(*) FILTER (WHERE a.outcome <> 'succeeded') AS failed,
       sum(extract(epoch FROM a.finished_at - a.started_at)) AS busy_s
FROM attempts a
JOIN tasks t ON t.id = a.task_id
WHERE a.finished_at IS NOT NULL
GROUP BY a.worker_id, date_trunc('hour', a.finished_at), t.kind;

-- Each pair of models that differ only in their seed, with both models' settings.
CREATE VIEW seed_pairs AS
SELECT p.experiment_id, a.architecture, a.width, a.optimizer, a.learning_rate, a.epochs,
       a.batch_size, a.label_noise, p.first_model_id, p.second_model_id, p.agreement,
       p.agreement_low, p.agreement_high, a.test_accuracy AS first_test_accuracy,
       b.test_accuracy AS second_test_accuracy
FROM reproducibility_pairs p
JOIN models a ON a.task_id = p.first_model_id
JOIN models b ON b.task_id = p.second_model_id
WHERE a.architecture = b.architecture AND a.width = b.width AND a.optimizer = b.optimizer
  AND a.learning_rate = b.learning_rate AND a.epochs = b.epochs
  AND a.batch_size = b.batch_size AND a.label_noise = b.label_noise;

-- Reproducibility in the form of a table of architecture x optimizer: the mean agreement of pairs
-- of models that differ only in their seed, beside the mean test accuracy of the models.
CREATE VIEW reproducibility_table AS
SELECT r.experiment_id, r.architecture, r.optimizer, s.agreement, s.pairs,
       avg(r.test_accuracy) AS test_accuracy, count(*) AS models
FROM model_results r
LEFT JOIN (
  SELECT experiment_id, architecture, optimizer, avg(agreement) AS agreement, count(*) AS pairs
  FROM seed_pairs
  GROUP BY experiment_id, architecture, optimizer
) s USING (experiment_id, architecture, optimizer)
GROUP BY r.experiment_id, r.architecture, r.optimizer, s.agreement, s.pairs;

-- Test and train error over width, per architecture, optimizer and label noise: the mean over
-- seeds, with the lowest and highest test error among them.
CREATE VIEW double_descent AS
SELECT experiment_id, architecture, optimizer, label_noise, width,
       1 - avg(test_accuracy) AS test_error,
       1 - max(test_accuracy) AS test_error_low,
       1 - min(test_accuracy) AS test_error_high,
       1 - avg(train_accuracy) AS train_error,
       avg(parameters) AS parameters,
       count(*) AS models
FROM model_results
GROUP BY experiment_id, architecture, optimizer, label_noise, width;

-- Every decision-region map with the model it belongs to and the dataset's name.
CREATE VIEW decision_maps AS
SELECT et.experiment_id, m.task_id AS plane_task_id, m.model_task_id, mt.label AS model_label,
       m.triplet, m.anchors, m.resolution, m.classes,
       pt.params -> 'data' ->> 'dataset' AS dataset,
       e.settings -> 'planes' ->> 'mode' AS triplet_mode,
       r.architecture, r.width, r.optimizer, r.seed, r.label_noise, r.test_accuracy
FROM maps m
JOIN experiment_tasks et ON et.task_id = m.task_id
JOIN experiments e ON e.id = et.experiment_id
JOIN tasks pt ON pt.id = m.task_id
JOIN tasks mt ON mt.id = m.model_task_id
JOIN models r ON r.task_id = m.model_task_id;

-- A map as an SVG picture: the first plane axis runs left to right, the second bottom to top, one
-- unit a grid point; each run of equal classes along a column is one rectangle.
CREATE FUNCTION map_svg(classes bytea, resolution integer, dataset text) RETURNS text AS $$
  WITH points AS (
    SELECT i, j, get_byte(classes, i * resolution + j) AS class
    FROM generate_series(0, resolution - 1) i, generate_series(0, resolution - 1) j
  ),
  runs AS (
    SELECT i, j, class,
           j - row_number() OVER (PARTITION BY i, class ORDER BY j) AS run
    FROM points
  ),
  rects AS (
    SELECT i, min(j) AS first_j, count(*) AS length, class
    FROM runs
    GROUP BY i, class, run
  )
  SELECT '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' || resolution || ' '
         || resolution || '" width="200" height="200" shape-rendering="crispEdges">'
         || string_agg('<rect x="' || r.i || '" y="' || (resolution - r.first_j - r.length)
                       || '" width="1" height="' || r.length || '" fill="'
                       || coalesce(c.colour, '#000000') || '"/>', '' ORDER BY r.i, r.first_j)
         || '</svg>'
  FROM rects r
  LEFT JOIN dataset_classes c ON c.dataset = map_svg.dataset AND c.class = r.class;
$$ LANGUAGE sql STABLE;

-- Every map as a picture that a browser shows from its address: an SVG data URI.
CREATE VIEW map_pictures AS
SELECT d.experiment_id, d.plane_task_id, d.model_task_id, d.model_label, d.triplet,
       d.resolution, d.dataset, d.triplet_mode, d.architecture, d.width, d.optimizer, d.seed,
       d.label_noise, d.test_accuracy,
       'data:image/svg+xml;base64,'
         || translate(encode(convert_to(map_svg(d.classes, d.resolution, d.dataset), 'UTF8'),
                             'base64'), E'\n', '') AS picture
FROM decision_maps d;

-- The legend of decision-region pictures: each class's name and colour, with a swatch of the
-- colour as a picture.
CREATE VIEW class_legend AS
SELECT dataset, class, name, colour,
       'data:image/svg+xml;base64,'
         || translate(encode(convert_to('<svg xmlns="http://www.w3.org/2000/svg" width="16"'
                                        || ' height="16"><rect width="16" height="16" fill="'
                                        || colour || '"/></svg>', 'UTF8'), 'base64'),
                      E'\n', '') AS swatch
FROM dataset_classes;
