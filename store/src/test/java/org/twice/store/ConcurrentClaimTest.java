package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class ConcurrentClaimTest {

  @Test
  void twoWorkersNeverHoldOneTaskAtOnce() throws Exception {
    Jdbi jdbi = TestDatabase.clean().jdbi();
    Clock clock = Clock.systemUTC();
    TaskStore store = new TaskStore(jdbi, clock, Duration.ofMinutes(1), Backoff.DEFAULT);
    List<NewTask> tasks =
        IntStream.range(0, 200).mapToObj(i -> Graphs.task("t" + i, TaskKind.TRAIN)).toList();
    new ExperimentStore(jdbi, clock).submit(Graphs.experiment("e"), tasks);
    Map<Long, String> holders = new ConcurrentHashMap<>();
    List<String> doubleClaims = new ArrayList<>();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String worker = "w" + w;
      workers.add(
          pool.submit(
              () -> {
                var next = store.claim(worker, List.of(TaskKind.TRAIN));
                while (next.isPresent()) {
                  String previous = holders.putIfAbsent(next.get().taskId(), worker);
                  if (previous != null) {
                    synchronized (doubleClaims) {
                      doubleClaims.add(next.get().key());
                    }
                  }
                  store.complete(next.get(), ResultWriter.NONE);
                  next = store.claim(worker, List.of(TaskKind.TRAIN));
                }
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();

    assertThat(doubleClaims).isEmpty();
    assertThat(holders).hasSize(200);
    assertThat(holders.values().stream().distinct().count()).isGreaterThan(1);
    long attempts =
        jdbi.withHandle(
            h -> h.createQuery("SELECT count(*) FROM attempts").mapTo(Long.class).one());
    assertThat(attempts).isEqualTo(200);
  }

  @Test
  void workersCompletingAndClaimingCompleteEachTaskExactlyOnce() throws Exception {
    Jdbi jdbi = TestDatabase.clean().jdbi();
    Clock clock = Clock.systemUTC();
    TaskStore store = new TaskStore(jdbi, clock, Duration.ofMinutes(1), Backoff.DEFAULT);
    List<NewTask> tasks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tasks.add(Graphs.task("t" + i, TaskKind.TRAIN));
      tasks.add(Graphs.task("u" + i, TaskKind.TRAIN, "t" + i));
    }
    new ExperimentStore(jdbi, clock).submit(Graphs.experiment("e"), tasks);
    Map<Long, String> completedBy = new ConcurrentHashMap<>();
    List<Long> doubleCompletions = Collections.synchronizedList(new ArrayList<>());

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String worker = "w" + w;
      workers.add(
          pool.submit(
              () -> {
                Optional<Lease> next = store.claim(worker, List.of(TaskKind.TRAIN));
                while (next.isPresent()) {
                  Lease lease = next.get();
                  Completion completion =
                      store.completeAndClaim(lease, ResultWriter.NONE, List.of(TaskKind.TRAIN));
                  if (completion.completed()
                      && completedBy.putIfAbsent(lease.taskId(), worker) != null) {
                    doubleCompletions.add(lease.taskId());
                  }
                  next = completion.next();
                }
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();

    assertThat(doubleCompletions).isEmpty();
    assertThat(completedBy).hasSize(200);
    List<String> outcomes =
        jdbi.withHandle(
            h -> h.createQuery("SELECT outcome FROM attempts").mapTo(String.class).list());
    assertThat(outcomes).hasSize(200).containsOnly("succeeded");
    long unfinished =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM tasks WHERE state <> 'succeeded'")
                    .mapTo(Long.class)
                    .one());
    assertThat(unfinished).isZero();
  }
}
