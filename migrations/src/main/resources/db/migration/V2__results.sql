-- What finished tasks produce: artifacts (weights, maps, pictures) and the results tables.

CREATE TABLE artifacts (
  task_id      bigint      NOT NULL REFERENCES tasks (id),
  name         text        NOT NULL,
  content_type text        NOT NULL,
  size         bigint      NOT NULL,
  sha256       text        NOT NULL,
  bytes        bytea       NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (task_id, name)
);

-- One row per trained network.
CREATE TABLE models (
  task_id        bigint           PRIMARY KEY REFERENCES tasks (id),
  architecture   text             NOT NULL,
  width          integer          NOT NULL,
  optimizer      text             NOT NULL,
  learning_rate  double precision NOT NULL,
  epochs         integer          NOT NULL,
  batch_size     integer          NOT NULL,
  seed           bigint           NOT NULL,
  label_noise    double precision NOT NULL,
  parameters     bigint           NOT NULL,
  train_accuracy double precision NOT NULL,
  train_loss     double precision NOT NULL,
  test_accuracy  double precision NOT NULL,
  test_loss      double precision NOT NULL,
  train_ms       bigint           NOT NULL
);

-- The decision-region map of one model on the plane through one triplet: one byte a grid point,
-- row i along s, column j along t.
CREATE TABLE maps (
  task_id       bigint  NOT NULL REFERENCES tasks (id),
  model_task_id bigint  NOT NULL REFERENCES tasks (id),
  triplet       integer NOT NULL,
  anchors       integer[] NOT NULL,
  resolution    integer NOT NULL,
  classes       bytea   NOT NULL,
  PRIMARY KEY (task_id, triplet)
);

-- Reproducibility of two models: agreement of their maps averaged over triplets, with a 95%
-- bootstrap interval over triplets.
CREATE TABLE pair_scores (
  task_id          bigint           NOT NULL REFERENCES tasks (id),
  first_model_id   bigint           NOT NULL REFERENCES tasks (id),
  second_model_id  bigint           NOT NULL REFERENCES tasks (id),
  agreement        double precision NOT NULL,
  agreement_low    double precision NOT NULL,
  agreement_high   double precision NOT NULL,
  triplets         integer          NOT NULL,
  PRIMARY KEY (task_id, first_model_id, second_model_id)
);

-- One cell of a reproducibility matrix: groups of models on both axes.
CREATE TABLE group_scores (
  task_id        bigint           NOT NULL REFERENCES tasks (id),
  group_by       text             NOT NULL,
  first_group    text             NOT NULL,
  second_group   text             NOT NULL,
  agreement      double precision NOT NULL,
  agreement_low  double precision NOT NULL,
  agreement_high double precision NOT NULL,
  pairs          integer          NOT NULL,
  PRIMARY KEY (task_id, first_group, second_group)
);
