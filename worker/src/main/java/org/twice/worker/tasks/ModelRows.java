package org.twice.worker.tasks;

import org.jdbi.v3.core.Handle;
import org.twice.worker.nn.Metrics;

/** Writes one row of the models table. */
final class ModelRows {
  private ModelRows() {}

  static void insert(
      Handle handle,
      long taskId,
      TrainParams params,
      Metrics metrics,
      long parameters,
      long trainMs) {
    handle
        .createUpdate(
            """
            INSERT INTO models (task_id, architecture, width, optimizer, learning_rate, epochs,
              batch_size, seed, label_noise, parameters, train_accuracy, train_loss,
              test_accuracy, test_loss, train_ms, schedule, augment, sam_rho)
            VALUES (:task, :architecture, :width, :optimizer, :learningRate, :epochs,
              :batchSize, :seed, :labelNoise, :parameters, :trainAccuracy, :trainLoss,
              :testAccuracy, :testLoss, :trainMs, :schedule, :augmentWords, :samRho)
            """)
        .bind("task", taskId)
        .bindMethods(params)
        .bind("parameters", parameters)
        .bind("trainAccuracy", metrics.trainAccuracy())
        .bind("trainLoss", metrics.trainLoss())
        .bind("testAccuracy", metrics.testAccuracy())
        .bind("testLoss", metrics.testLoss())
        .bind("trainMs", trainMs)
        .execute();
  }

  /** Marks the model of a task as a student distilled from another task's model. */
  static void recordTeacher(Handle handle, long taskId, long teacherTask, double temperature) {
    handle
        .createUpdate(
            """
            UPDATE models SET teacher_task_id = :teacher, temperature = :temperature
            WHERE task_id = :task
            """)
        .bind("task", taskId)
        .bind("teacher", teacherTask)
        .bind("temperature", temperature)
        .execute();
  }
}
