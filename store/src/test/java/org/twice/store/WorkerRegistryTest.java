package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerRegistryTest {
  private static final List<TaskKind> KINDS = List.of(TaskKind.TRAIN);

  private Jdbi jdbi;
  private MutableClock clock;
  private WorkerRegistry registry;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.clean().jdbi();
    clock = MutableClock.atNoon();
    registry = new WorkerRegistry(jdbi, clock);
  }

  @Test
  void heartbeatsAndTheStopCarryTheWorkersCountOfTasksDone() {
    registry.register("w1", "host", 1, KINDS, 2);

    registry.heartbeat("w1", 4);
    long afterHeartbeat = tasksDone("w1");
    clock.advance(Duration.ofSeconds(10));
    registry.stopped("w1", 7);

    assertThat(afterHeartbeat).isEqualTo(4);
    assertThat(tasksDone("w1")).isEqualTo(7);
    assertThat(column("w1", "state")).isEqualTo("stopped");
  }

  @Test
  void aWorkerRegisteringAgainCountsItsTasksAfresh() {
    registry.register("w1", "host", 1, KINDS, 2);
    registry.stopped("w1", 7);
    clock.advance(Duration.ofMinutes(5));

    registry.register("w1", "host", 2, KINDS, 2);

    assertThat(tasksDone("w1")).isZero();
    assertThat(column("w1", "state")).isEqualTo("running");
  }

  private long tasksDone(String worker) {
    return Long.parseLong(column(worker, "tasks_done"));
  }

  private String column(String worker, String column) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + column + "::text FROM worker_status WHERE worker_id = ?")
                .bind(0, worker)
                .mapTo(String.class)
                .one());
  }
}
