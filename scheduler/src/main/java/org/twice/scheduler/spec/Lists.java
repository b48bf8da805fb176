package org.twice.scheduler.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Readers of YAML lists, whose elements are named {@code field[index]} in messages. */
final class Lists {
  private final Problems problems;

  Lists(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads a single value as a list of one, or a non-empty list of distinct values: a grid axis, a
   * list of scores.
   */
  <T> NodeReader<List<T>> oneOrMore(NodeReader<T> element) {
    return (node, field) -> {
      if (!isList(node)) {
        return element.read(node, field).map(List::of);
      }
      List<Node> nodes = ((SequenceNode) node).getValue();
      if (nodes.isEmpty()) {
        problems.at(node, field, "must not be an empty list; give one value or more");
        return Optional.empty();
      }
      return distinct(nodes, field, element);
    };
  }

  /** Reads a list of exactly {@code size} values, which {@code rule} describes to the user. */
  <T> NodeReader<List<T>> exactly(int size, NodeReader<T> element, String rule) {
    return (node, field) -> {
      if (!isList(node) || ((SequenceNode) node).getValue().size() != size) {
        problems.at(node, field, "must be " + rule + ", got " + describeList(node));
        return Optional.empty();
      }
      return elements(((SequenceNode) node).getValue(), field, element);
    };
  }

  private <T> Optional<List<T>> distinct(List<Node> nodes, String field, NodeReader<T> element) {
    Optional<List<T>> values = elements(nodes, field, element);
    if (values.isEmpty() || hasRepeats(values.get(), nodes, field)) {
      return Optional.empty();
    }
    return values;
  }

  private <T> boolean hasRepeats(List<T> values, List<Node> nodes, String field) {
    Map<T, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Integer first = firstIndex.putIfAbsent(values.get(i), i);
      if (first != null) {
        String message = "repeats " + index(field, first) + "; list each value once";
        problems.at(nodes.get(i), index(field, i), message);
      }
    }
    return firstIndex.size() < values.size();
  }

  private <T> Optional<List<T>> elements(List<Node> nodes, String field, NodeReader<T> element) {
    List<T> values = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      element.read(nodes.get(i), index(field, i)).ifPresent(values::add);
    }
    return values.size() == nodes.size() ? Optional.of(List.copyOf(values)) : Optional.empty();
  }

  private static boolean isList(Node node) {
    return node instanceof SequenceNode && node.getTag().equals(Tag.SEQ);
  }

  private static String describeList(Node node) {
    return isList(node)
        ? "a list of " + ((SequenceNode) node).getValue().size()
        : Scalars.describe(node);
  }

  private static String index(String field, int i) {
    return field + "[" + i + "]";
  }
}
