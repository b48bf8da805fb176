package org.twice.scheduler.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.StoreException;

/** What the status, workers and results commands read, from the views in migrations/. */
final class Reports {
  /**
   * A task's checkpoint as "epoch 3 by attempt 1", empty without one; a next attempt starts there.
   */
  private static final String CHECKPOINT =
      "coalesce('epoch ' || c.epochs || ' by attempt ' || c.attempt, '') AS checkpoint";

  private final Jdbi jdbi;

  Reports(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void requireExperiment(long id) {
    long count =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM experiments WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one());
    if (count == 0) {
      throw new UsageException("no experiment " + id + "; `twice status` lists the experiments");
    }
  }

  Table experiments() {
    return query(
        "experiments",
        "SELECT experiment_id AS id, name, state, tasks, succeeded, running, queued, failed,"
            + " blocked, reused FROM experiment_progress ORDER BY experiment_id",
        Map.of());
  }

  Table taskCounts(long experiment) {
    return query(
        "tasks by kind and state",
        "SELECT kind, state, tasks FROM experiment_task_states WHERE experiment_id = :e"
            + " ORDER BY array_position(ARRAY['train','distill','plane','score'], kind), state",
        Map.of("e", experiment));
  }

  Table running(long experiment) {
    return query(
        "running tasks",
        "SELECT s.task_id AS task, s.kind, s.label, s.worker_id AS worker, s.attempt,"
            + " round(s.progress::numeric * 100) || '%' AS progress, "
            + CHECKPOINT
            + " FROM task_status s LEFT JOIN checkpoints c ON c.task_id = s.task_id"
            + " WHERE s.experiment_id = :e AND s.state = 'running' ORDER BY s.task_id",
        Map.of("e", experiment));
  }

  Table failures(long experiment) {
    return query(
        "failed and blocked tasks",
        "SELECT task_id AS task, kind, label, state, attempt,"
            + " coalesce(error, 'blocked by task ' || blocked_by) AS error FROM task_status"
            + " WHERE experiment_id = :e AND state IN ('failed', 'blocked')"
            + " ORDER BY task_id",
        Map.of("e", experiment));
  }

  Table retrying(long experiment) {
    return query(
        "tasks waiting to retry",
        "SELECT s.task_id AS task, s.kind, s.label, s.attempt, s.not_before AS retry_at, "
            + CHECKPOINT
            + ", s.error FROM task_status s LEFT JOIN checkpoints c ON c.task_id = s.task_id"
            + " WHERE s.experiment_id = :e AND s.state = 'ready' AND s.error IS NOT NULL"
            + " ORDER BY s.task_id",
        Map.of("e", experiment));
  }

  Table workers() {
    return query(
        "workers",
        "SELECT worker_id AS worker, host, state, concurrency, last_heartbeat, tasks_done,"
            + " coalesce(current_tasks, '') AS current_tasks FROM worker_status"
            + " ORDER BY state, last_heartbeat DESC",
        Map.of());
  }

  Table models(long experiment) {
    return query(
        "models",
        "SELECT r.task_id AS task, t.label AS model, r.parameters, r.train_accuracy,"
            + " r.test_accuracy, r.train_loss, r.test_loss, r.train_ms"
            + " FROM model_results r JOIN tasks t ON t.id = r.task_id"
            + " WHERE r.experiment_id = :e ORDER BY r.task_id",
        Map.of("e", experiment));
  }

  Table modelScores(long experiment) {
    return query(
        "fragmentation and margin per model (mean over its maps)",
        "SELECT model_task_id AS task, label AS model, test_error, train_error,"
            + " train_accuracy_true, train_loss_true, noisy_memorized, mean_regions,"
            + " mean_margin, maps FROM model_scores WHERE experiment_id = :e"
            + " ORDER BY model_task_id",
        Map.of("e", experiment));
  }

  Table matrix(long experiment) {
    return query(
        "reproducibility matrix (share of grid points where two models agree, 95% interval)",
        "SELECT group_by, first_group, second_group, agreement, agreement_low, agreement_high,"
            + " pairs FROM reproducibility_matrix WHERE experiment_id = :e"
            + " ORDER BY first_group, second_group",
        Map.of("e", experiment));
  }

  Table pairs(long experiment) {
    return query(
        "reproducibility of model pairs",
        "SELECT first_label AS first_model, second_label AS second_model, agreement,"
            + " agreement_low, agreement_high, triplets FROM reproducibility_pairs"
            + " WHERE experiment_id = :e ORDER BY first_model_id, second_model_id",
        Map.of("e", experiment));
  }

  Table teacherAgreement(long experiment) {
    return query(
        "distilled students: agreement with their teacher, beside the mean agreement with that"
            + " teacher of the models trained on labels with the student's settings",
        "SELECT student_task_id AS task, student_label AS student, test_accuracy, agreement,"
            + " agreement_low, agreement_high, independent_agreement, independent_models"
            + " FROM teacher_agreement WHERE experiment_id = :e ORDER BY student_task_id",
        Map.of("e", experiment));
  }

  Table teacherAgreementSummary(long experiment) {
    return query(
        "agreement with the teacher by student architecture: distilled students against models"
            + " trained on labels (mean over those students that have both)",
        "SELECT architecture, width, count(*) AS students, avg(agreement) AS distilled,"
            + " avg(independent_agreement) AS trained, max(independent_models) AS trained_models"
            + " FROM teacher_agreement WHERE experiment_id = :e"
            + " AND agreement IS NOT NULL AND independent_agreement IS NOT NULL"
            + " GROUP BY architecture, width ORDER BY architecture, width",
        Map.of("e", experiment));
  }

  private Table query(String title, String sql, Map<String, Object> params) {
    try {
      return jdbi.withHandle(
          h ->
              h.createQuery(sql)
                  .bindMap(params)
                  .scanResultSet(
                      (supplier, ctx) -> {
                        var rs = supplier.get();
                        var meta = rs.getMetaData();
                        List<String> columns = new ArrayList<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                          columns.add(meta.getColumnLabel(c));
                        }
                        List<List<Object>> rows = new ArrayList<>();
                        while (rs.next()) {
                          List<Object> row = new ArrayList<>();
                          for (int c = 1; c <= columns.size(); c++) {
                            row.add(value(rs.getObject(c)));
                          }
                          rows.add(row);
                        }
                        return new Table(title, columns, rows);
                      }));
    } catch (RuntimeException e) {
      throw new StoreException("cannot read " + title + ": " + e.getMessage(), e);
    }
  }

  private static Object value(Object raw) {
    if (raw instanceof java.sql.Timestamp ts) {
      return ts.toInstant().toString();
    }
    if (raw instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant().toString();
    }
    if (raw instanceof java.sql.Array array) {
      try {
        return List.of((Object[]) array.getArray()).toString();
      } catch (java.sql.SQLException e) {
        return raw.toString();
      }
    }
    return raw;
  }
}
