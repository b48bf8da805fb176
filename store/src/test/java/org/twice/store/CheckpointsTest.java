package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twice.store.Graphs.experiment;

import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckpointsTest {
  private static final List<TaskKind> ALL = List.of(TaskKind.values());
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration BACKOFF = Duration.ofSeconds(10);

  private Jdbi jdbi;
  private MutableClock clock;
  private TaskStore tasks;
  private Checkpoints checkpoints;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.clean().jdbi();
    clock = MutableClock.atNoon();
    tasks = new TaskStore(jdbi, clock, LEASE, new Backoff(BACKOFF, Duration.ofMinutes(1)));
    checkpoints = new Checkpoints(jdbi, clock);
    new ExperimentStore(jdbi, clock)
        .submit(experiment("e"), List.of(Graphs.task("a", TaskKind.TRAIN)));
  }

  @Test
  void theLatestCheckpointOfTheLeaseHolderIsKept() {
    Lease lease = tasks.claim("w1", ALL).orElseThrow();

    boolean first = checkpoints.save(lease, after(1), new byte[] {1, 2, 3});
    clock.advance(Duration.ofSeconds(5));
    boolean second = checkpoints.save(lease, after(2), new byte[] {4, 5});
    Checkpoint found = checkpoints.find(lease.taskId()).orElseThrow();

    assertThat(first).isTrue();
    assertThat(second).isTrue();
    assertThat(found.progress().epochs()).isEqualTo(2);
    assertThat(found.attempt()).isEqualTo(1);
    assertThat(found.bytes()).containsExactly(4, 5);
    assertThat(found.intact()).isTrue();
    assertThat(found.writtenAt()).isEqualTo(clock.instant());
  }

  @Test
  void aWorkerThatLostItsLeaseCannotReplaceTheCheckpointOfTheAttemptThatTookOver() {
    Lease first = tasks.claim("w1", ALL).orElseThrow();
    checkpoints.save(first, after(1), new byte[] {1});

    clock.advance(LEASE.plusSeconds(1));
    boolean whileExpired = checkpoints.save(first, after(2), new byte[] {2});
    tasks.reclaimExpired();
    clock.advance(BACKOFF);
    Lease second = tasks.claim("w2", ALL).orElseThrow();
    boolean takenOver = checkpoints.save(second, after(2), new byte[] {3});
    boolean late = checkpoints.save(first, after(3), new byte[] {4});
    Checkpoint found = checkpoints.find(first.taskId()).orElseThrow();

    assertThat(whileExpired).isFalse();
    assertThat(takenOver).isTrue();
    assertThat(late).isFalse();
    assertThat(found.attempt()).isEqualTo(2);
    assertThat(found.progress().epochs()).isEqualTo(2);
    assertThat(found.bytes()).containsExactly(3);
  }

  @Test
  void completingTheTaskDeletesItsCheckpointWithTheResults() {
    Lease lease = tasks.claim("w1", ALL).orElseThrow();
    checkpoints.save(lease, after(1), new byte[] {1});

    boolean completed = tasks.complete(lease, ResultWriter.NONE);

    assertThat(completed).isTrue();
    assertThat(checkpoints.find(lease.taskId())).isEmpty();
  }

  @Test
  void aLateCompletionLeavesTheCheckpointOfTheAttemptThatTookOver() {
    Lease first = tasks.claim("w1", ALL).orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    tasks.reclaimExpired();
    clock.advance(BACKOFF);
    Lease second = tasks.claim("w2", ALL).orElseThrow();
    checkpoints.save(second, after(1), new byte[] {1});

    boolean late = tasks.complete(first, ResultWriter.NONE);

    assertThat(late).isFalse();
    assertThat(checkpoints.find(first.taskId())).isPresent();
  }

  @Test
  void aCheckpointKeepsTheTrainingTimeOfItsEpochs() {
    Lease lease = tasks.claim("w1", ALL).orElseThrow();

    checkpoints.save(lease, new CheckpointProgress(3, 4_500), new byte[] {1});

    assertThat(checkpoints.find(lease.taskId()).orElseThrow().progress())
        .isEqualTo(new CheckpointProgress(3, 4_500));
  }

  @Test
  void changedBytesAreNoLongerIntact() {
    Lease lease = tasks.claim("w1", ALL).orElseThrow();
    checkpoints.save(lease, after(1), new byte[] {1, 2, 3});

    jdbi.useHandle(h -> h.execute("UPDATE checkpoints SET bytes = '\\x010203ff'::bytea"));

    assertThat(checkpoints.find(lease.taskId()).orElseThrow().intact()).isFalse();
  }

  @Test
  void anAttemptRecordsTheEpochsItResumedFrom() {
    Lease lease = tasks.claim("w1", ALL).orElseThrow();

    checkpoints.recordResume(lease, 3);
    tasks.complete(lease, ResultWriter.NONE);

    Integer resumed =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT resumed_epochs FROM attempts WHERE attempt = 1")
                    .mapTo(Integer.class)
                    .one());
    assertThat(resumed).isEqualTo(3);
  }

  private static CheckpointProgress after(int epochs) {
    return new CheckpointProgress(epochs, 1000L * epochs);
  }
}
