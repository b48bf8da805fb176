-- Writes a task's checkpoint, replacing the one before; run after the fence has locked the task.
INSERT INTO checkpoints (task_id, attempt, epochs, train_ms, size, sha256, bytes, written_at)
VALUES (:task, :attempt, :epochs, :trainMs, :size, :sha, :bytes, :now)
ON CONFLICT (task_id) DO UPDATE
SET attempt = EXCLUDED.attempt, epochs = EXCLUDED.epochs, train_ms = EXCLUDED.train_ms,
    size = EXCLUDED.size,
    sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes, written_at = EXCLUDED.written_at
