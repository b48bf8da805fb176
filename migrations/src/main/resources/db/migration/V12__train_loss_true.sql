-- With label noise: the mean cross-entropy on the training set against the true labels, beside
-- train_loss against the labels the model learned.
ALTER TABLE models ADD COLUMN train_loss_true double precision;

-- The views over models pick the new column up at their end.
CREATE OR REPLACE VIEW model_results AS
SELECT et.experiment_id, m.*
FROM models m
JOIN experiment_tasks et ON et.task_id = m.task_id;

CREATE OR REPLACE VIEW model_scores AS
SELECT et.experiment_id, m.task_id AS model_task_id, t.label, m.architecture, m.width,
       m.optimizer, m.seed, m.label_noise, m.train_accuracy, m.train_accuracy_true,
       m.test_accuracy, 1 - m.test_accuracy AS test_error, 1 - m.train_accuracy AS train_error,
       m.noisy_memorized,
       avg(mp.regions) AS mean_regions, avg(mp.margin) AS mean_margin, count(mp.triplet) AS maps,
       m.train_loss_true
FROM models m
JOIN tasks t ON t.id = m.task_id
JOIN experiment_tasks et ON et.task_id = m.task_id
LEFT JOIN maps mp ON mp.model_task_id = m.task_id
  AND mp.task_id IN (SELECT task_id FROM experiment_tasks WHERE experiment_id = et.experiment_id)
GROUP BY et.experiment_id, m.task_id, t.label;
