-- With label noise: the mean cross-entropy on the training set against the true labels, beside
-- train_loss against the labels the model learned.
ALTER TABLE models ADD COLUMN train_loss_true double precision;
