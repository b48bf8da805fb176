package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReaderRoleTest {
  private static final String READER = "dashboard_reader";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private Jdbi owner;
  private Handle reader;

  @BeforeEach
  void createReader() {
    owner = TestDatabase.clean().jdbi();
    owner.useHandle(h -> h.execute("DROP ROLE IF EXISTS " + READER));
    owner.useHandle(
        h -> h.execute("CREATE ROLE " + READER + " LOGIN PASSWORD 'reader' IN ROLE twice_reader"));
    reader = Jdbi.create(urlWithoutUser(), READER, "reader").open();
  }

  @AfterEach
  void dropReader() {
    reader.close();
    owner.useHandle(h -> h.execute("DROP TABLE IF EXISTS later_results"));
    owner.useHandle(h -> h.execute("DROP ROLE IF EXISTS " + READER));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "experiment_progress",
        "experiment_task_states",
        "task_status",
        "worker_status",
        "model_results",
        "reproducibility_pairs",
        "reproducibility_matrix",
        "tasks"
      })
  void aReaderSelectsFromTheViewsAndTables(String relation) {
    long rows = reader.createQuery("SELECT count(*) FROM " + relation).mapTo(Long.class).one();

    assertThat(rows).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO experiments (name, spec_path, spec_text, settings, submitted_at)"
            + " VALUES ('x', 'x', 'x', '{}', now())",
        "UPDATE tasks SET state = 'failed'",
        "DELETE FROM experiments",
        "TRUNCATE workers",
        "CREATE TABLE reader_scratch (id int)"
      })
  void aReaderChangesNothing(String statement) {
    Throwable error = catchThrowable(() -> reader.execute(statement));

    assertThat(sqlState(error)).isEqualTo(INSUFFICIENT_PRIVILEGE);
  }

  @Test
  void tablesCreatedLaterAreReadableToo() {
    owner.useHandle(h -> h.execute("CREATE TABLE later_results (id int)"));

    long rows = reader.createQuery("SELECT count(*) FROM later_results").mapTo(Long.class).one();

    assertThat(rows).isZero();
  }

  private static String urlWithoutUser() {
    return TestDatabase.settings().url().orElseThrow().replaceFirst("\\?.*$", "");
  }

  private static String sqlState(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return "no SQLException in " + error;
  }
}
