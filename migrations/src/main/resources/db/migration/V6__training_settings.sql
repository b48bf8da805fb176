-- How each model was trained beyond the original columns: the learning-rate schedule, the
-- augmentations applied to its training images (words joined by '+', empty for none) and SAM's
-- radius (0 unless the optimizer is sam).
ALTER TABLE models
  ADD COLUMN schedule text             NOT NULL DEFAULT 'constant',
  ADD COLUMN augment  text             NOT NULL DEFAULT '',
  ADD COLUMN sam_rho  double precision NOT NULL DEFAULT 0;
