package org.twice.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twice.store.Backoff;
import org.twice.store.CheckpointProgress;
import org.twice.store.Checkpoints;
import org.twice.store.Lease;
import org.twice.store.TaskKind;
import org.twice.store.TaskStore;
import org.twice.store.TestDatabase;

class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;
  private Jdbi jdbi;
  private String url;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.clean().jdbi();
    url = TestDatabase.settings().url().orElseThrow();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void aBadSpecIsRefusedWithItsFileLineAndFieldAndWritesNothing() throws Exception {
    Path spec = resource("/specs/multiple-errors.yaml");

    int status = twice("submit", spec.toString(), "--db", url);

    assertThat(status).isEqualTo(Twice.BAD_INPUT);
    assertThat(err.toString()).contains("multiple-errors.yaml:").contains("models.");
    assertThat(count("SELECT count(*) FROM experiments")).isZero();
    assertThat(count("SELECT count(*) FROM tasks")).isZero();
  }

  @Test
  void submitPrintsTheNewExperimentsIdAndStatusShowsItsTasks() throws Exception {
    int submitted = twice("submit", resource("/specs/tiny.yaml").toString(), "--db", url);
    String id = out.toString().trim();
    out.reset();
    int status = twice("status", id, "--db", url);

    assertThat(submitted).isZero();
    assertThat(id).matches("\\d+");
    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("tasks by kind and state")
        .contains("train")
        .contains("ready");
  }

  @Test
  void statusShowsTheCheckpointOfARunningTrainTask() throws Exception {
    twice("submit", resource("/specs/tiny.yaml").toString(), "--db", url);
    String id = out.toString().trim();
    out.reset();
    Clock clock = Clock.systemUTC();
    TaskStore tasks = new TaskStore(jdbi, clock, Duration.ofMinutes(5), Backoff.DEFAULT);
    Lease lease = tasks.claim("w-status", List.of(TaskKind.TRAIN)).orElseThrow();
    new Checkpoints(jdbi, clock).save(lease, new CheckpointProgress(2, 100), new byte[] {1});

    int status = twice("status", id, "--db", url);

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("running tasks")
        .contains("checkpoint")
        .contains("epoch 2 by attempt 1");
  }

  @Test
  void aNegativeCheckpointIntervalIsBadInput() {
    int status = twice("worker", "--checkpoint-every", "-1", "--db", url);

    assertThat(status).isEqualTo(Twice.BAD_INPUT);
    assertThat(err.toString()).contains("--checkpoint-every must be from 0");
  }

  @Test
  void anUnknownExperimentIsBadInput() {
    int status = twice("retry", "999", "--db", url);

    assertThat(status).isEqualTo(Twice.BAD_INPUT);
    assertThat(err.toString()).contains("no experiment 999");
  }

  @Test
  void aWrongDatabaseUrlIsBadInput() {
    int status = twice("status", "--db", "mysql://localhost/x");

    assertThat(status).isEqualTo(Twice.BAD_INPUT);
    assertThat(err.toString()).contains("--db must be a PostgreSQL JDBC URL");
  }

  @Test
  void anUnknownTaskKindIsBadInput() {
    int status = twice("worker", "--kinds", "train,bake", "--db", url);

    assertThat(status).isEqualTo(Twice.BAD_INPUT);
    assertThat(err.toString())
        .contains("unknown kind 'bake'")
        .contains("train, distill, plane, score");
  }

  @Test
  void aNonNumericIdIsBadInput() {
    int status = twice("cancel", "abc", "--db", url);

    assertThat(status).isEqualTo(Twice.BAD_INPUT);
    assertThat(err.toString()).contains("abc");
  }

  private int twice(String... args) {
    return Twice.commandLine().execute(args);
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static Path resource(String name) throws Exception {
    return Path.of(CommandLineTest.class.getResource(name).toURI());
  }
}
