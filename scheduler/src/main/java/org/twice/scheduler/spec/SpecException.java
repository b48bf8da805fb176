package org.twice.scheduler.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a spec file cannot be used. It carries every defect found, not only the first, so
 * that a researcher can fix them all in one pass; its message lists them one per line.
 */
public final class SpecException extends RuntimeException {
  private final transient List<SpecError> errors;

  SpecException(Path file, List<SpecError> errors) {
    super(message(file, errors));
    this.errors = List.copyOf(errors);
  }

  /** The defects, ordered by line and column; defects of the whole file come first. */
  public List<SpecError> errors() {
    return errors;
  }

  private static String message(Path file, List<SpecError> errors) {
    String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
    String lines = errors.stream().map(SpecError::toString).collect(Collectors.joining("\n"));
    return "spec " + file + " is invalid (" + count + "):\n" + lines;
  }
}
