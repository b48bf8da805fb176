package org.twice.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.twice.scheduler.cli.TwiceCommands;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under deploy/, read as the tools that use them would. */
final class DeployFiles {
  /** What a worker gets on SIGTERM to finish its task when no --grace is given. */
  static final long DEFAULT_GRACE_SECONDS = 30;

  static final String LAUNCHER = "/opt/twice/twice";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?([-?])([^}]*))?}");

  private DeployFiles() {}

  /** The repository's deploy/ directory; tests run in the scheduler module's directory. */
  static Path root() {
    Path deploy = Path.of("..", "deploy").toAbsolutePath().normalize();
    assertThat(deploy).as("the deploy directory").isDirectory();
    return deploy;
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a YAML file, as maps and lists. */
  static List<Map<String, Object>> documents(Path file) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : yaml().loadAll(read(file))) {
      if (document != null) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  static Map<String, Object> document(Path file) {
    List<Map<String, Object>> documents = documents(file);
    assertThat(documents).as("documents in %s", file).hasSize(1);
    return documents.get(0);
  }

  static Map<String, Object> parseYaml(String text) {
    return map(yaml().load(text));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces compose-style variables as they are with nothing set: {@code ${X:-default}} by its
   * default, anything else by a placeholder.
   */
  static String interpolate(String text) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = "-".equals(matcher.group(2)) ? matcher.group(3) : "set-" + matcher.group(1);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Checks that twice accepts these arguments and returns the commands they name. */
  static List<String> twiceCommand(List<String> args) {
    return TwiceCommands.parse(args);
  }

  /** The seconds a worker's running task may take after SIGTERM, from its arguments. */
  static long graceSeconds(List<String> args) {
    int at = args.indexOf("--grace");
    return at < 0 ? DEFAULT_GRACE_SECONDS : Long.parseLong(args.get(at + 1));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }

  /** The value at a path of keys, failing with the path when a key is missing. */
  static Object at(Map<String, Object> root, String... keys) {
    Object value = root;
    for (String key : keys) {
      Map<String, Object> map = map(value);
      assertThat(map).as("key %s of %s", key, String.join(".", keys)).containsKey(key);
      value = map.get(key);
    }
    return value;
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }
}
