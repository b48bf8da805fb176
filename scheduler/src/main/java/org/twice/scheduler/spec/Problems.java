package org.twice.scheduler.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the defects of one spec file while it is read, so that all are reported at once. */
final class Problems {
  private static final Comparator<SpecError> BY_POSITION =
      Comparator.comparingInt(SpecError::line).thenComparingInt(SpecError::column);

  private final Path file;
  private final List<SpecError> errors = new ArrayList<>();

  Problems(Path file) {
    this.file = file;
  }

  /** Records a defect of the file as a whole. */
  void inFile(String message) {
    errors.add(new SpecError(file, 0, 0, "", message));
  }

  /** Records a defect at a node of the document. */
  void at(Node node, String field, String message) {
    at(node.getStartMark(), field, message);
  }

  /** Records a defect at a position of the document; SnakeYAML counts from 0, people from 1. */
  void at(Mark mark, String field, String message) {
    errors.add(new SpecError(file, mark.getLine() + 1, mark.getColumn() + 1, field, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  SpecException exception() {
    return new SpecException(file, errors.stream().sorted(BY_POSITION).toList());
  }
}
