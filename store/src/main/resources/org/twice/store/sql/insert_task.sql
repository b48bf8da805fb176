INSERT INTO tasks (key, kind, label, params, state, max_attempts, not_before, created_at)
VALUES (:key, :kind, :label, CAST(:params AS jsonb), 'waiting', :maxAttempts, :now, :now)
ON CONFLICT (key) DO NOTHING
RETURNING id
