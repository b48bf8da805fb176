-- Distilled students. A student is stored in models like a trained network, with the train task
-- whose network taught it and the softmax temperature of the distillation loss; both are NULL for
-- a network trained on labels.
ALTER TABLE models
  ADD COLUMN teacher_task_id bigint REFERENCES tasks (id),
  ADD COLUMN temperature     double precision,
  ADD CONSTRAINT models_teacher_with_temperature
    CHECK ((teacher_task_id IS NULL) = (temperature IS NULL));

-- The same view over every column of models, those added since it was created included.
CREATE OR REPLACE VIEW model_results AS
SELECT et.experiment_id, m.*
FROM models m
JOIN experiment_tasks et ON et.task_id = m.task_id;

-- Pairs of models that differ only in their seed: networks trained on labels, not students,
-- whose agreement with each other says how reproducible training is.
CREATE OR REPLACE VIEW seed_pairs AS
SELECT p.experiment_id, a.architecture, a.width, a.optimizer, a.learning_rate, a.epochs,
       a.batch_size, a.label_noise, p.first_model_id, p.second_model_id, p.agreement,
       p.agreement_low, p.agreement_high, a.test_accuracy AS first_test_accuracy,
       b.test_accuracy AS second_test_accuracy
FROM reproducibility_pairs p
JOIN models a ON a.task_id = p.first_model_id
JOIN models b ON b.task_id = p.second_model_id
WHERE a.architecture = b.architecture AND a.width = b.width AND a.optimizer = b.optimizer
  AND a.learning_rate = b.learning_rate AND a.epochs = b.epochs
  AND a.batch_size = b.batch_size AND a.label_noise = b.label_noise
  AND a.teacher_task_id IS NULL AND b.teacher_task_id IS NULL;

-- The architecture x optimizer table and the double-descent curves describe networks trained on
-- labels; students are left out of both.
CREATE OR REPLACE VIEW reproducibility_table AS
SELECT r.experiment_id, r.architecture, r.optimizer, s.agreement, s.pairs,
       avg(r.test_accuracy) AS test_accuracy, count(*) AS models
FROM model_results r
LEFT JOIN (
  SELECT experiment_id, architecture, optimizer, avg(agreement) AS agreement, count(*) AS pairs
  FROM seed_pairs
  GROUP BY experiment_id, architecture, optimizer
) s USING (experiment_id, architecture, optimizer)
WHERE r.teacher_task_id IS NULL
GROUP BY r.experiment_id, r.architecture, r.optimizer, s.agreement, s.pairs;

CREATE OR REPLACE VIEW double_descent AS
SELECT experiment_id, architecture, optimizer, label_noise, width,
       1 - avg(test_accuracy) AS test_error,
       1 - max(test_accuracy) AS test_error_low,
       1 - min(test_accuracy) AS test_error_high,
       1 - avg(train_accuracy) AS train_error,
       avg(parameters) AS parameters,
       count(*) AS models
FROM model_results
WHERE teacher_task_id IS NULL
GROUP BY experiment_id, architecture, optimizer, label_noise, width;

-- Each student's agreement with its teacher (the share of grid points where their maps agree,
-- from the experiment's score task), beside the mean agreement with that same teacher of the
-- networks the experiment trained on labels with the student's settings: same architecture,
-- width, optimizer, learning rate, schedule, epochs, batch size, augmentation, label noise, any
-- seed. A student that shares more of its teacher's regions than they do shows that distillation
-- passes on decision regions, not only accuracy. The independent columns are NULL when the
-- experiment trained no such network.
CREATE VIEW teacher_agreement AS
WITH pairs AS (
  SELECT experiment_id, first_model_id AS model_id, second_model_id AS other_id, agreement,
         agreement_low, agreement_high
  FROM reproducibility_pairs
  UNION ALL
  SELECT experiment_id, second_model_id, first_model_id, agreement, agreement_low, agreement_high
  FROM reproducibility_pairs
)
SELECT s.experiment_id, s.task_id AS student_task_id, st.label AS student_label,
       s.teacher_task_id, tt.label AS teacher_label, s.temperature,
       s.architecture, s.width, s.optimizer, s.seed, s.test_accuracy,
       p.agreement, p.agreement_low, p.agreement_high,
       i.agreement AS independent_agreement, i.models AS independent_models
FROM model_results s
JOIN tasks st ON st.id = s.task_id
JOIN tasks tt ON tt.id = s.teacher_task_id
LEFT JOIN pairs p
  ON p.experiment_id = s.experiment_id AND p.model_id = s.task_id
  AND p.other_id = s.teacher_task_id
LEFT JOIN LATERAL (
  SELECT avg(q.agreement) AS agreement, count(*) AS models
  FROM model_results m
  JOIN pairs q
    ON q.experiment_id = m.experiment_id AND q.model_id = m.task_id
    AND q.other_id = s.teacher_task_id
  WHERE m.experiment_id = s.experiment_id AND m.teacher_task_id IS NULL
    AND m.task_id <> s.teacher_task_id
    AND m.architecture = s.architecture AND m.width = s.width AND m.optimizer = s.optimizer
    AND m.learning_rate = s.learning_rate AND m.schedule = s.schedule AND m.epochs = s.epochs
    AND m.batch_size = s.batch_size AND m.augment = s.augment AND m.sam_rho = s.sam_rho
    AND m.label_noise = s.label_noise
  HAVING count(*) > 0
) i ON true
WHERE s.teacher_task_id IS NOT NULL;
