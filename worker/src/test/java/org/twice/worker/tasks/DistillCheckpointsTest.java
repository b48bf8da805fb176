package org.twice.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.twice.store.Artifacts;
import org.twice.store.Backoff;
import org.twice.store.Checkpoint;
import org.twice.store.CheckpointStore;
import org.twice.store.Checkpoints;
import org.twice.store.ExperimentStore;
import org.twice.store.Graphs;
import org.twice.store.Lease;
import org.twice.store.MutableClock;
import org.twice.store.NewTask;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.TestDatabase;
import org.twice.worker.TaskContext;
import org.twice.worker.data.DatasetFingerprint;
import org.twice.worker.data.DatasetKind;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.data.SampleData;
import org.twice.worker.nn.Distiller;
import org.twice.worker.nn.ModelCodec;
import org.twice.worker.nn.TrainingListener;
import org.twice.worker.tasks.DyingAfterSaves.WorkerDied;

/**
 * Distill tasks on the embedded database whose workers die part way: the lease expires on the
 * test's clock, the task is taken back, and the next attempt continues from the last checkpoint.
 */
class DistillCheckpointsTest {
  private static final List<TaskKind> TRAIN = List.of(TaskKind.TRAIN);
  private static final List<TaskKind> DISTILL = List.of(TaskKind.DISTILL);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration BACKOFF = Duration.ofSeconds(10);
  private static final double TEMPERATURE = 4;

  private Jdbi jdbi;
  private MutableClock clock;
  private TaskStore tasks;
  private Checkpoints checkpoints;
  private Artifacts artifacts;
  private DatasetCache datasets;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.clean().jdbi();
    clock = MutableClock.atNoon();
    tasks = new TaskStore(jdbi, clock, LEASE, new Backoff(BACKOFF, Duration.ofMinutes(1)));
    checkpoints = new Checkpoints(jdbi, clock);
    artifacts = new Artifacts(jdbi, clock);
    datasets = new DatasetCache();
  }

  @Test
  void aTaskWhoseWorkerDiedAfterACheckpointResumesFromItWithTheWeightsOfACleanRun()
      throws Exception {
    DistillParams params = new DistillParams(student(4), "teacher", TEMPERATURE);
    submit(params);
    long teacherTask = trainTeacher();
    Lease first = tasks.claim("w1", DISTILL).orElseThrow();
    DistillRunner dying = runner(new DyingAfterSaves(checkpoints, 2));

    assertThatThrownBy(() -> dying.run(first, new TaskContext())).isInstanceOf(WorkerDied.class);
    clock.advance(LEASE.plusSeconds(1));
    int reclaimed = tasks.reclaimExpired();
    clock.advance(BACKOFF);
    Lease second = tasks.claim("w2", DISTILL).orElseThrow();
    Checkpoint left = checkpoints.find(second.taskId()).orElseThrow();
    // As if the first attempt's two epochs had taken an hour, to see them in the model's time.
    jdbi.useHandle(h -> h.execute("UPDATE checkpoints SET train_ms = 3600000"));
    boolean completed = tasks.complete(second, runner(checkpoints).run(second, new TaskContext()));

    assertThat(reclaimed).isEqualTo(1);
    assertThat(left.progress().epochs()).isEqualTo(2);
    assertThat(left.attempt()).isEqualTo(1);
    assertThat(probabilitySums(ModelCodec.fromBytes(left.bytes())))
        .containsOnly(new float[] {1f}, within(1e-5f));
    assertThat(completed).isTrue();
    assertThat(attempts(second.taskId())).containsExactly("1 expired from 0", "2 succeeded from 2");
    assertThat(storedWeights(second.taskId())).containsExactly(cleanWeights(params, teacherTask));
    assertThat(checkpointRows()).isZero();
    assertThat(studentTrainMs(second.taskId())).isBetween(3_600_000L, 3_600_000L + 600_000L);
  }

  /** Runs the teacher's train task to completion, which releases the distill task. */
  private long trainTeacher() {
    Lease lease = tasks.claim("w0", TRAIN).orElseThrow();
    TrainCheckpoints none = new TrainCheckpoints(checkpoints, clock, Duration.ofHours(1));
    TrainRunner trainer = new TrainRunner(artifacts, datasets, none);
    assertThat(tasks.complete(lease, trainer.run(lease, new TaskContext()))).isTrue();
    return lease.taskId();
  }

  private DistillRunner runner(CheckpointStore store) {
    TrainCheckpoints policy = new TrainCheckpoints(store, clock, Duration.ZERO);
    return new DistillRunner(jdbi, artifacts, datasets, policy);
  }

  private void submit(DistillParams params) {
    NewTask teacher =
        new NewTask("teacher", TaskKind.TRAIN, "teacher", Json.write(teacher()), 3, List.of());
    NewTask student =
        new NewTask(
            "student", TaskKind.DISTILL, "student", Json.write(params), 3, List.of("teacher"));
    new ExperimentStore(jdbi, clock).submit(Graphs.experiment("e"), List.of(teacher, student));
  }

  private float[] cleanWeights(DistillParams params, long teacherTask) {
    LoadedDataset data = datasets.get(params.data());
    ComputationGraph teacher = StoredModels.load(artifacts, teacherTask);
    ComputationGraph net =
        Distiller.distill(
            params.student().config(),
            teacher,
            params.temperature(),
            data.train(),
            data.classes(),
            TrainingListener.NONE);
    return net.params().toFloatVector();
  }

  /** What a network's outputs on some images in [0, 1] sum to, image by image. */
  private static float[] probabilitySums(ComputationGraph net) {
    INDArray images = Nd4j.rand(DataType.FLOAT, 5, 28 * 28);
    return net.outputSingle(images).sum(1).toFloatVector();
  }

  private float[] storedWeights(long taskId) {
    byte[] bytes = artifacts.get(taskId, TrainRunner.WEIGHTS).orElseThrow();
    return ModelCodec.fromBytes(bytes).params().toFloatVector();
  }

  private List<String> attempts(long taskId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT attempt || ' ' || outcome || ' from ' || coalesce(resumed_epochs, 0)"
                        + " FROM attempts WHERE task_id = :task ORDER BY attempt")
                .bind("task", taskId)
                .mapTo(String.class)
                .list());
  }

  private long studentTrainMs(long taskId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT train_ms FROM models WHERE task_id = :task")
                .bind("task", taskId)
                .mapTo(Long.class)
                .one());
  }

  private long checkpointRows() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM checkpoints").mapTo(Long.class).one());
  }

  private static TrainParams teacher() {
    return params("mlp", 16, 2, 3);
  }

  private static TrainParams student(int epochs) {
    return params("mlp", 8, epochs, 7);
  }

  private static TrainParams params(String architecture, int width, int epochs, long seed) {
    DataRef data =
        new DataRef(
            DatasetKind.FASHION_MNIST.specName(),
            SampleData.directory().toString(),
            200,
            100,
            DatasetFingerprint.of(DatasetKind.FASHION_MNIST, SampleData.directory()),
            5);
    return new TrainParams(
        data, architecture, width, "adam", 1e-3, epochs, 32, seed, 0, "step", List.of(), 0);
  }
}
