package org.twice.scheduler.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Readers of single YAML values by type. YAML has already guessed each plain value's type (its
 * tag), so {@code 1.5} is never an integer and a quoted {@code "64"} is a string.
 */
final class Scalars {
  /** Decimal integers only: YAML 1.1 would also read 017 as octal and 1:30 as 90. */
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");

  /** Messages show at most this much of a value, which may be a whole pasted paragraph. */
  private static final int MAX_SHOWN = 80;

  private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT);

  private final Problems problems;

  Scalars(Problems problems) {
    this.problems = problems;
  }

  NodeReader<Long> integer(IntRange range) {
    return (node, field) -> {
      Optional<BigInteger> value = decimal(node).filter(range::contains);
      if (value.isEmpty()) {
        problems.at(node, field, "must be " + range + ", got " + describe(node) + hint(node));
      }
      return value.map(BigInteger::longValueExact);
    };
  }

  /** Reads integers whose range fits in an {@code int}. */
  NodeReader<Integer> smallInteger(IntRange range) {
    return integer(range).map(Math::toIntExact);
  }

  NodeReader<Double> number(Interval interval) {
    return (node, field) -> {
      Optional<Double> value = finite(node).filter(interval::contains);
      if (value.isEmpty()) {
        problems.at(node, field, "must be " + interval + ", got " + describe(node) + hint(node));
      }
      return value;
    };
  }

  /** Reads true or false. */
  NodeReader<Boolean> bool() {
    return (node, field) -> {
      if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
        String word = scalar.getValue().toLowerCase(Locale.ROOT);
        return Optional.of(word.equals("true") || word.equals("yes") || word.equals("on"));
      }
      problems.at(node, field, "must be true or false, got " + describe(node));
      return Optional.empty();
    };
  }

  /** Reads one of a fixed set of words, such as an architecture. */
  NodeReader<String> choice(List<String> allowed) {
    return (node, field) -> {
      Optional<String> value = text(node).filter(allowed::contains);
      if (value.isEmpty()) {
        String words = Formats.words(allowed);
        problems.at(node, field, "must be one of " + words + "; got " + describe(node));
      }
      return value;
    };
  }

  /** Reads text that matches a pattern, which {@code rule} explains to the user. */
  NodeReader<String> text(Pattern pattern, String rule) {
    return (node, field) -> {
      Optional<String> value = text(node).filter(t -> pattern.matcher(t).matches());
      if (value.isEmpty()) {
        problems.at(node, field, "must be " + rule + ", got " + describe(node));
      }
      return value;
    };
  }

  /** A value as a message should show it: its text, with its type where the text hides it. */
  static String describe(Node node) {
    if (!node.getTag().getValue().startsWith(Tag.PREFIX)) {
      return "a value tagged " + node.getTag().getValue() + "; tags are not allowed in a spec";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return describeScalar((ScalarNode) node);
  }

  private static String describeScalar(ScalarNode node) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.NULL)) {
      return "nothing (null)";
    }
    String value = shortened(node.getValue());
    if (tag.equals(Tag.STR)) {
      return "'" + value + "'";
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return value;
    }
    String type = tag.equals(Tag.BOOL) ? "a boolean" : "a " + tag.getValue().replaceAll(".*:", "");
    return value + " (" + type + ")";
  }

  private static String shortened(String value) {
    return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
  }

  private static String hint(Node node) {
    boolean otherBase = node.getTag().equals(Tag.INT) && decimal(node).isEmpty();
    return otherBase ? " (write integers in decimal)" : "";
  }

  private static Optional<BigInteger> decimal(Node node) {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
      return Optional.empty();
    }
    String text = scalar.getValue();
    return DECIMAL.matcher(text).matches()
        ? Optional.of(new BigInteger(text.replace("_", "")))
        : Optional.empty();
  }

  private static Optional<Double> finite(Node node) {
    if (node.getTag().equals(Tag.INT)) {
      return decimal(node).map(BigInteger::doubleValue);
    }
    if (!node.getTag().equals(Tag.FLOAT)) {
      return Optional.empty();
    }
    try {
      double value = Double.parseDouble(((ScalarNode) node).getValue().replace("_", ""));
      // Adding 0.0 turns -0.0 into 0.0, so that the two never make distinct grid points.
      return Double.isFinite(value) ? Optional.of(value + 0.0) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(Node node) {
    if (node instanceof ScalarNode scalar && TEXT_TAGS.contains(scalar.getTag())) {
      return Optional.of(scalar.getValue());
    }
    return Optional.empty();
  }
}
