package org.twice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerTest {
  @TempDir Path home;

  @Test
  void aCommitReportedToTheClientIsOnDisk() {
    try (Database database = Database.open(DatabaseSettings.embedded(home), 2)) {
      String fsync = show(database, "fsync");
      String synchronousCommit = show(database, "synchronous_commit");

      assertThat(fsync).isEqualTo("on");
      assertThat(synchronousCommit).isEqualTo("on");
    }
  }

  private static String show(Database database, String setting) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SHOW " + setting).mapTo(String.class).one());
  }
}
