package org.twice.scheduler.spec;

import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads and validates an experiment spec file.
 *
 * <p>The file is YAML: a mapping with the keys {@code name}, {@code dataset}, {@code models} (a
 * grid: each field a value or a list of values), {@code planes}, {@code scores}, {@code group_by}
 * and {@code max_attempts}; {@code examples/quickstart.yaml} shows and explains them all. Every
 * check runs before anything is returned, and every defect found is reported with its line, column
 * and field, so that one run shows all there is to fix. Parsing only builds YAML nodes, never Java
 * objects from tags. Stateless and thread-safe.
 */
public final class SpecParser {
  private SpecParser() {}

  /**
   * The spec in a file, with relative paths in it resolved against the file's directory.
   *
   * @throws SpecException listing every defect, if the file is missing, unreadable or invalid
   */
  public static Spec parse(Path file) {
    Problems problems = new Problems(file);
    Path absolute = file.toAbsolutePath().normalize();

    MappingNode root = YamlLoader.load(absolute, problems).orElseThrow(problems::exception);
    return new SpecReader(absolute, problems).read(root).orElseThrow(problems::exception);
  }
}
