package org.twice.worker.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twice.store.Checkpoint;
import org.twice.store.CheckpointProgress;
import org.twice.store.CheckpointStore;
import org.twice.store.Lease;
import org.twice.worker.TaskAbortedException;
import org.twice.worker.TaskContext;
import org.twice.worker.nn.TrainConfig;
import org.twice.worker.nn.Trainer;
import org.twice.worker.nn.TrainingListener;
import org.twice.worker.nn.TrainingState;

/**
 * Where a train or distill task's attempt starts, and when it saves a checkpoint: both train a
 * network epoch by epoch, a distill task its student. A checkpoint is saved at the end of an epoch
 * once {@code every} has passed on the clock since the attempt started training or last saved (with
 * {@code every} zero, after each epoch), but never after the last epoch, since the completion that
 * follows deletes it. So a task shorter than {@code every} never pays for one, and a worker that
 * dies costs at most {@code every} and an epoch of training. Thread-safe.
 */
public final class TrainCheckpoints {
  /** How often a long training saves a checkpoint unless the worker is told otherwise. */
  public static final Duration DEFAULT_EVERY = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(TrainCheckpoints.class);

  private final CheckpointStore store;
  private final Clock clock;
  private final Duration every;

  public TrainCheckpoints(CheckpointStore store, Clock clock, Duration every) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("the checkpoint interval must not be negative: " + every);
    }
    this.store = store;
    this.clock = clock;
    this.every = every;
  }

  /**
   * Trains the task's network from its checkpoint where {@link #start} finds a usable one, else
   * from the start, saving checkpoints as {@link #listener} does; the training time counts that of
   * the checkpoint's epochs.
   */
  Trained train(
      Lease lease, TaskContext context, TrainConfig config, int examples, Training training) {
    Optional<Resume> resume = start(lease, config, examples);
    long earlierMs = resume.map(Resume::trainMs).orElse(0L);
    long started = System.nanoTime();
    TrainingListener listener = listener(lease, context, config, earlierMs);
    ComputationGraph net = training.run(resume.map(Resume::state), listener);
    return new Trained(net, earlierMs + (System.nanoTime() - started) / 1_000_000);
  }

  /** How a task trains its network, from a state reached earlier or, when empty, from scratch. */
  @FunctionalInterface
  interface Training {
    ComputationGraph run(Optional<TrainingState> from, TrainingListener listener);
  }

  /** A trained network and the training time of all the attempts whose epochs it holds. */
  record Trained(ComputationGraph net, long trainMs) {}

  /**
   * Where to continue from: the task's checkpoint if it is whole and fits the config and the number
   * of training examples. A checkpoint that does not is logged and passed over, and training starts
   * over; the next checkpoint replaces it.
   */
  private Optional<Resume> start(Lease lease, TrainConfig config, int examples) {
    Optional<Checkpoint> found = store.find(lease.taskId());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint checkpoint = found.get();
    try {
      TrainingState state = decode(checkpoint);
      Trainer.checkResumable(config, examples, state);
      store.recordResume(lease, state.epochs());
      log.info(
          "training resumes task={} attempt={} epochs_done={} epochs={} checkpoint_attempt={}",
          lease.taskId(),
          lease.attempt(),
          state.epochs(),
          config.epochs(),
          checkpoint.attempt());
      return Optional.of(new Resume(state, checkpoint.progress().trainMs()));
    } catch (IllegalArgumentException e) {
      log.warn(
          "checkpoint unusable task={} attempt={} epochs_done={} checkpoint_attempt={}: {};"
              + " training starts over",
          lease.taskId(),
          lease.attempt(),
          checkpoint.progress().epochs(),
          checkpoint.attempt(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A listener that reports progress to the context and saves checkpoints when due, counting the
   * given training time of earlier attempts into theirs. It stops training with {@link
   * TaskAbortedException} when a save is refused because the attempt lost its lease; a save the
   * database fails is logged and training goes on.
   */
  TrainingListener listener(Lease lease, TaskContext context, TrainConfig config, long earlierMs) {
    return new Saver(lease, context, config.epochs(), earlierMs);
  }

  private static TrainingState decode(Checkpoint checkpoint) {
    if (!checkpoint.intact()) {
      throw new IllegalArgumentException("its bytes differ from the SHA-256 written with them");
    }
    return TrainingState.fromBytes(checkpoint.bytes(), checkpoint.progress().epochs());
  }

  /** A checkpoint's state to continue from, with the training time its epochs took. */
  private record Resume(TrainingState state, long trainMs) {}

  private final class Saver implements TrainingListener {
    private final Lease lease;
    private final TaskContext context;
    private final int epochs;
    private final long earlierMs;
    private final long started = System.nanoTime();
    private Instant last;

    Saver(Lease lease, TaskContext context, int epochs, long earlierMs) {
      this.lease = lease;
      this.context = context;
      this.epochs = epochs;
      this.earlierMs = earlierMs;
      this.last = clock.instant();
    }

    @Override
    public void onProgress(double fraction) {
      context.progress(fraction);
    }

    @Override
    public void onEpoch(ComputationGraph net, int epochsDone) {
      Instant now = clock.instant();
      if (epochsDone >= epochs || Duration.between(last, now).compareTo(every) < 0) {
        return;
      }
      save(net, epochsDone);
      last = clock.instant();
    }

    private void save(ComputationGraph net, int epochsDone) {
      long saving = System.nanoTime();
      long trainMs = earlierMs + (saving - started) / 1_000_000;
      byte[] bytes = new TrainingState(net, epochsDone).toBytes();
      boolean saved;
      try {
        saved = store.save(lease, new CheckpointProgress(epochsDone, trainMs), bytes);
      } catch (JdbiException e) {
        log.warn(
            "checkpoint not saved task={} attempt={} epochs_done={}: {}; training goes on",
            lease.taskId(),
            lease.attempt(),
            epochsDone,
            e.getMessage());
        return;
      }
      if (!saved) {
        throw new TaskAbortedException("the lease was lost; another attempt owns the task");
      }
      log.info(
          "checkpoint saved task={} attempt={} epochs_done={} bytes={} ms={}",
          lease.taskId(),
          lease.attempt(),
          epochsDone,
          bytes.length,
          (System.nanoTime() - saving) / 1_000_000);
    }
  }
}
