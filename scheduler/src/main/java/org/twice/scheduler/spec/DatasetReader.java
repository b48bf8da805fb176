package org.twice.scheduler.spec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.twice.worker.data.DatasetKind;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code dataset} section and checks that its directory holds the dataset's files. */
final class DatasetReader implements NodeReader<DatasetSpec> {
  static final List<String> KEYS = List.of("name", "path", "train_size", "test_size", "noise_seed");

  private static final IntRange SIZE = new IntRange(0, Integer.MAX_VALUE);
  private static final Pattern ANY_PATH = Pattern.compile(".+");
  private static final String FULL_COPY =
      "; a full copy of Fashion-MNIST is in /usr/share/datasets/fashion-mnist after"
          + " `apt-get install dataset-fashion-mnist`";

  private final Path specDirectory;
  private final Problems problems;
  private final Scalars scalars;

  /**
   * @param specDirectory the directory of the spec file, against which relative paths resolve
   */
  DatasetReader(Path specDirectory, Problems problems) {
    this.specDirectory = specDirectory;
    this.problems = problems;
    this.scalars = new Scalars(problems);
  }

  @Override
  public Optional<DatasetSpec> read(Node node, String field) {
    return Section.of(node, field, KEYS, problems).flatMap(this::read);
  }

  private Optional<DatasetSpec> read(Section section) {
    Optional<DatasetKind> kind =
        section.required("name", scalars.choice(DatasetKind.specNames()).map(DatasetReader::kind));
    Optional<Path> directory = section.required("path", (node, f) -> directory(node, f, kind));
    Optional<Integer> trainSize = section.optional("train_size", scalars.smallInteger(SIZE), 0);
    Optional<Integer> testSize = section.optional("test_size", scalars.smallInteger(SIZE), 0);
    Optional<Long> noiseSeed =
        section.optional("noise_seed", scalars.integer(IntRange.atLeast(0)), 0L);

    if (!NodeReader.allRead(kind, directory, trainSize, testSize, noiseSeed)) {
      return Optional.empty();
    }
    return Optional.of(
        new DatasetSpec(
            kind.get(), directory.get(), trainSize.get(), testSize.get(), noiseSeed.get()));
  }

  private Optional<Path> directory(Node node, String field, Optional<DatasetKind> kind) {
    Optional<Path> directory =
        scalars
            .text(ANY_PATH, "a directory path")
            .read(node, field)
            .flatMap(p -> resolve(p, node, field));
    if (directory.isEmpty() || !holdsFiles(directory.get(), kind, node, field)) {
      return Optional.empty();
    }
    return directory;
  }

  private Optional<Path> resolve(String path, Node node, String field) {
    try {
      return Optional.of(specDirectory.resolve(path).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      problems.at(node, field, "is not a valid path: " + e.getReason());
      return Optional.empty();
    }
  }

  private boolean holdsFiles(Path directory, Optional<DatasetKind> kind, Node node, String field) {
    if (!Files.isDirectory(directory)) {
      String what = Files.exists(directory) ? " is not a directory" : " does not exist";
      problems.at(node, field, "directory " + directory + what + hint(kind));
      return false;
    }
    List<String> missing = kind.map(k -> k.missingFiles(directory)).orElse(List.of());
    if (!missing.isEmpty()) {
      String files = Formats.words(missing) + " (plain or .gz)";
      problems.at(node, field, "directory " + directory + " lacks " + files + hint(kind));
    }
    return missing.isEmpty();
  }

  private static String hint(Optional<DatasetKind> kind) {
    return kind.orElse(DatasetKind.FASHION_MNIST) == DatasetKind.FASHION_MNIST ? FULL_COPY : "";
  }

  private static DatasetKind kind(String specName) {
    return DatasetKind.bySpecName(specName).orElseThrow();
  }
}
