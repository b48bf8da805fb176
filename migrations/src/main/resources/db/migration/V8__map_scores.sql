-- Scores of each map and of label noise, for the double-descent analysis.

-- Connected regions of the map (8-neighbour, summed over classes), and the model's mean margin
-- between the triplet's anchors: the distance from one towards another at which the class first
-- changes, NULL when it never does.
ALTER TABLE maps ADD COLUMN regions integer;
ALTER TABLE maps ADD COLUMN margin double precision;

-- With label noise: training accuracy against the true labels, and the share of flipped training
-- labels that the model learned (predicts as their noisy class).
ALTER TABLE models ADD COLUMN train_accuracy_true double precision;
ALTER TABLE models ADD COLUMN noisy_memorized double precision;

-- Per model of an experiment: accuracy, mean fragmentation and margin over its maps.
CREATE VIEW model_scores AS
SELECT et.experiment_id, m.task_id AS model_task_id, t.label, m.architecture, m.width,
       m.optimizer, m.seed, m.label_noise, m.train_accuracy, m.train_accuracy_true,
       m.test_accuracy, 1 - m.test_accuracy AS test_error, 1 - m.train_accuracy AS train_error,
       m.noisy_memorized,
       avg(mp.regions) AS mean_regions, avg(mp.margin) AS mean_margin, count(mp.triplet) AS maps
FROM models m
JOIN tasks t ON t.id = m.task_id
JOIN experiment_tasks et ON et.task_id = m.task_id
LEFT JOIN maps mp ON mp.model_task_id = m.task_id
  AND mp.task_id IN (SELECT task_id FROM experiment_tasks WHERE experiment_id = et.experiment_id)
GROUP BY et.experiment_id, m.task_id, t.label;
