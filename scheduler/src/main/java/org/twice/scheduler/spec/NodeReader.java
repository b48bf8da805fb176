package org.twice.scheduler.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/** Turns one YAML node into a value of a spec, recording a problem where it cannot. */
@FunctionalInterface
interface NodeReader<T> {
  /**
   * The value of a node, or empty after recording why the node is invalid.
   *
   * @param field the dotted path of the node, for error messages
   */
  Optional<T> read(Node node, String field);

  /** Whether every value was read; a reader that returned empty has recorded why. */
  static boolean allRead(Optional<?>... values) {
    return Arrays.stream(values).allMatch(Optional::isPresent);
  }

  /** A reader that converts what this one reads; the conversion must not fail. */
  default <R> NodeReader<R> map(Function<? super T, ? extends R> conversion) {
    return (node, field) -> read(node, field).map(conversion);
  }
}
