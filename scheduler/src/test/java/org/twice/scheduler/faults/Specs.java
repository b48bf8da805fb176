package org.twice.scheduler.faults;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The spec files of the tests. */
final class Specs {
  private Specs() {}

  static Path path(String name) throws URISyntaxException {
    return Path.of(Specs.class.getResource("/specs/" + name).toURI());
  }
}
