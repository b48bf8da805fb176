package org.twice.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twice.store.Artifacts;
import org.twice.store.Backoff;
import org.twice.store.Checkpoint;
import org.twice.store.CheckpointProgress;
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
import org.twice.worker.TaskAbortedException;
import org.twice.worker.TaskContext;
import org.twice.worker.data.DatasetFingerprint;
import org.twice.worker.data.DatasetKind;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.data.SampleData;
import org.twice.worker.nn.ModelCodec;
import org.twice.worker.nn.Trainer;
import org.twice.worker.nn.TrainingListener;
import org.twice.worker.tasks.DyingAfterSaves.WorkerDied;

/**
 * Train tasks on the embedded database whose workers die part way: the lease expires on the test's
 * clock, the task is taken back, and the next attempt continues from the last checkpoint.
 */
class TrainCheckpointsTest {
  private static final List<TaskKind> TRAIN = List.of(TaskKind.TRAIN);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration BACKOFF = Duration.ofSeconds(10);

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
    TrainParams params = params(4);
    submit(params);
    Lease first = tasks.claim("w1", TRAIN).orElseThrow();
    TrainRunner dying = runner(new DyingAfterSaves(checkpoints, 2), Duration.ZERO);

    assertThatThrownBy(() -> dying.run(first, new TaskContext())).isInstanceOf(WorkerDied.class);
    clock.advance(LEASE.plusSeconds(1));
    int reclaimed = tasks.reclaimExpired();
    clock.advance(BACKOFF);
    Lease second = tasks.claim("w2", TRAIN).orElseThrow();
    Checkpoint left = checkpoints.find(second.taskId()).orElseThrow();
    // As if the first attempt's two epochs had taken an hour, to see them in the model's time.
    jdbi.useHandle(h -> h.execute("UPDATE checkpoints SET train_ms = 3600000"));
    boolean completed =
        tasks.complete(second, runner(checkpoints, Duration.ZERO).run(second, new TaskContext()));

    assertThat(reclaimed).isEqualTo(1);
    assertThat(left.progress().epochs()).isEqualTo(2);
    assertThat(left.attempt()).isEqualTo(1);
    assertThat(completed).isTrue();
    assertThat(attempts()).containsExactly("1 expired from 0", "2 succeeded from 2");
    assertThat(storedWeights(second.taskId())).containsExactly(cleanWeights(params));
    assertThat(checkpointRows()).isZero();
    assertThat(modelTrainMs()).isBetween(3_600_000L, 3_600_000L + 600_000L);
  }

  @Test
  void aCorruptCheckpointIsPassedOverAndTrainingStartsOver() throws Exception {
    TrainParams params = params(2);
    submit(params);
    Lease lease = tasks.claim("w1", TRAIN).orElseThrow();
    checkpoints.save(
        lease, new CheckpointProgress(1, 0), "not a network".getBytes(StandardCharsets.UTF_8));

    boolean completed =
        tasks.complete(lease, runner(checkpoints, Duration.ZERO).run(lease, new TaskContext()));

    assertThat(completed).isTrue();
    assertThat(attempts()).containsExactly("1 succeeded from 0");
    assertThat(storedWeights(lease.taskId())).containsExactly(cleanWeights(params));
  }

  @Test
  void aCheckpointIsSavedOnceTheIntervalHasPassedAndNeverAfterTheLastEpoch() {
    TaskStore patient = new TaskStore(jdbi, clock, Duration.ofHours(1), Backoff.DEFAULT);
    submit(params(4));
    Lease lease = patient.claim("w1", TRAIN).orElseThrow();
    TrainCheckpoints policy = new TrainCheckpoints(checkpoints, clock, Duration.ofMinutes(5));
    TrainingListener listener = policy.listener(lease, new TaskContext(), params(4).config(), 0);
    ComputationGraph net = trainedNet(params(4));

    for (int epoch = 1; epoch <= 4; epoch++) {
      clock.advance(Duration.ofMinutes(3));
      listener.onEpoch(net, epoch);
    }

    // Due after 6 minutes at epoch 2; epoch 3 comes 3 minutes later and epoch 4 is the last.
    Checkpoint saved = checkpoints.find(lease.taskId()).orElseThrow();
    assertThat(saved.progress().epochs()).isEqualTo(2);
    assertThat(saved.writtenAt()).isEqualTo(Instant.parse("2026-01-01T12:06:00Z"));
  }

  @Test
  void anAttemptThatLostItsLeaseStopsAtItsNextCheckpoint() {
    submit(params(4));
    Lease lease = tasks.claim("w1", TRAIN).orElseThrow();
    TrainCheckpoints policy = new TrainCheckpoints(checkpoints, clock, Duration.ZERO);
    TrainingListener listener = policy.listener(lease, new TaskContext(), params(4).config(), 0);
    ComputationGraph net = trainedNet(params(4));

    clock.advance(LEASE.plusSeconds(1));

    assertThatThrownBy(() -> listener.onEpoch(net, 1))
        .isInstanceOf(TaskAbortedException.class)
        .hasMessageContaining("lease was lost");
    assertThat(checkpointRows()).isZero();
  }

  private TrainRunner runner(CheckpointStore store, Duration every) {
    return new TrainRunner(artifacts, datasets, new TrainCheckpoints(store, clock, every));
  }

  private void submit(TrainParams params) {
    NewTask task = new NewTask("t", TaskKind.TRAIN, "t", Json.write(params), 3, List.of());
    new ExperimentStore(jdbi, clock).submit(Graphs.experiment("e"), List.of(task));
  }

  private float[] cleanWeights(TrainParams params) {
    return trainedNet(params).params().toFloatVector();
  }

  private ComputationGraph trainedNet(TrainParams params) {
    LoadedDataset data = datasets.get(params.data());
    int[] labels = TrainRunner.trainingLabels(params, data);
    return Trainer.train(params.config(), data.train(), labels, data.classes(), f -> {});
  }

  private float[] storedWeights(long taskId) {
    byte[] bytes = artifacts.get(taskId, TrainRunner.WEIGHTS).orElseThrow();
    return ModelCodec.fromBytes(bytes).params().toFloatVector();
  }

  private List<String> attempts() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT attempt || ' ' || outcome || ' from ' || coalesce(resumed_epochs, 0)"
                        + " FROM attempts ORDER BY attempt")
                .mapTo(String.class)
                .list());
  }

  private long modelTrainMs() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT train_ms FROM models").mapTo(Long.class).one());
  }

  private long checkpointRows() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM checkpoints").mapTo(Long.class).one());
  }

  private static TrainParams params(int epochs) {
    DataRef data =
        new DataRef(
            DatasetKind.FASHION_MNIST.specName(),
            SampleData.directory().toString(),
            200,
            100,
            DatasetFingerprint.of(DatasetKind.FASHION_MNIST, SampleData.directory()),
            5);
    return new TrainParams(data, "mlp", 16, "adam", 1e-3, epochs, 32, 7, 0.2, "step", List.of(), 0);
  }
}
