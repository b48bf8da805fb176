package org.twice.scheduler.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping with a fixed set of allowed keys, such as the {@code models} section. Creating one
 * records unknown, duplicate and malformed keys; the values are then read key by key.
 */
final class Section {
  private final MappingNode node;
  private final String path;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private Section(MappingNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * The section at a node, or empty after recording that the node is no mapping.
   *
   * @param path the dotted path of the node, empty for the top level
   */
  static Optional<Section> of(Node node, String path, List<String> keys, Problems problems) {
    if (!(node instanceof MappingNode mapping) || !node.getTag().equals(Tag.MAP)) {
      String expected = "must be a mapping with keys " + Formats.words(keys);
      problems.at(node, path, expected + "; got " + Scalars.describe(node));
      return Optional.empty();
    }
    Section section = new Section(mapping, path, problems);
    mapping.getValue().forEach(entry -> section.index(entry, keys));
    return Optional.of(section);
  }

  /** The dotted path of a key of this section. */
  String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value of a key that must be present. */
  <T> Optional<T> required(String key, NodeReader<T> reader) {
    NodeTuple entry = entries.get(key);
    if (entry == null) {
      problems.at(node, field(key), "is required");
      return Optional.empty();
    }
    return reader.read(entry.getValueNode(), field(key));
  }

  /** The value of a key that may be left out, in which case it takes the fallback. */
  <T> Optional<T> optional(String key, NodeReader<T> reader, T fallback) {
    NodeTuple entry = entries.get(key);
    return entry == null ? Optional.of(fallback) : reader.read(entry.getValueNode(), field(key));
  }

  /** Whether the section gives a value for a key. */
  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Records a problem with a key's value, or with the section if the key is absent. */
  void problem(String key, String message) {
    NodeTuple entry = entries.get(key);
    problems.at(entry == null ? node : entry.getValueNode(), field(key), message);
  }

  private void index(NodeTuple entry, List<String> keys) {
    if (!(entry.getKeyNode() instanceof ScalarNode keyNode)) {
      String got = Scalars.describe(entry.getKeyNode());
      problems.at(entry.getKeyNode(), path, "keys must be plain words; got " + got);
      return;
    }
    String key = keyNode.getValue();
    if (!keys.contains(key)) {
      String allowed = Formats.words(keys);
      problems.at(keyNode, field(key), "unknown key '" + key + "'; allowed keys: " + allowed);
    } else if (entries.containsKey(key)) {
      int first = entries.get(key).getKeyNode().getStartMark().getLine() + 1;
      problems.at(keyNode, field(key), "duplicate key; it is first given on line " + first);
    } else {
      entries.put(key, entry);
    }
  }
}
