package org.twice.scheduler.spec;

import java.nio.file.Path;

/**
 * One defect found in a spec file, located by line and column (both 1-based) and by the dotted path
 * of the field it concerns, such as {@code models.width} or {@code planes.range[1]}.
 *
 * <p>A defect of the file as a whole (missing, unreadable, empty) has line and column 0 and an
 * empty field; {@link #toString} then leaves them out.
 */
public record SpecError(Path file, int line, int column, String field, String message) {
  /** Renders the error as {@code FILE:LINE:COL: FIELD: MESSAGE}, the form editors can jump to. */
  @Override
  public String toString() {
    String location = line > 0 ? file + ":" + line + ":" + column : file.toString();
    String subject = field.isEmpty() ? "" : field + ": ";
    return location + ": " + subject + message;
  }
}
