package org.twice.worker.tasks;

/**
 * The parameters of a distill task: how to build and train the student, which train task's network
 * teaches it, and at what temperature.
 *
 * @param student the student's settings, as a train task would have them; its label noise is its
 *     teacher's, so that its training accuracy is measured against the labels its teacher learned
 * @param teacher the key of the teacher's train task
 * @param temperature the softmax temperature of the distillation loss, positive and finite
 */
public record DistillParams(TrainParams student, String teacher, double temperature) {
  public DistillParams withoutDirectory() {
    return new DistillParams(student.withoutDirectory(), teacher, temperature);
  }

  /** The data to distill on, which is the student's. */
  public DataRef data() {
    return student.data();
  }
}
