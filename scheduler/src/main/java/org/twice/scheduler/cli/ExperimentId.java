package org.twice.scheduler.cli;

import java.util.Optional;
import org.twice.store.Database;
import org.twice.store.ExperimentStore;

/** Resolves the experiment a command is about: the given id, or the latest one. */
final class ExperimentId {
  private ExperimentId() {}

  static long resolve(Long given, Database database, ExperimentStore experiments) {
    if (given != null) {
      new Reports(database.jdbi()).requireExperiment(given);
      return given;
    }
    Optional<Long> latest = experiments.latest();
    return latest.orElseThrow(
        () -> new UsageException("no experiment has been submitted yet; `twice submit SPEC`"));
  }
}
