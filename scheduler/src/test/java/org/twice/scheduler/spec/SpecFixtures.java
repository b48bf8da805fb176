package org.twice.scheduler.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.twice.worker.data.DatasetKind;

/** Spec files and dataset directories for the spec tests. */
final class SpecFixtures {
  private SpecFixtures() {}

  /**
   * Creates a dataset directory with empty files under the names Fashion-MNIST needs: enough for
   * the spec, which checks that the files are there but does not read them.
   */
  static Path placeholderDataset(Path directory, String suffix) {
    try {
      Files.createDirectories(directory);
      for (String name : DatasetKind.FASHION_MNIST.fileNames()) {
        Files.createFile(directory.resolve(name + suffix));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path placeholderDataset(Path directory) {
    return placeholderDataset(directory, "");
  }

  /** A file under {@code src/test/resources/specs}. */
  static Path resource(String name) {
    try {
      return Path.of(SpecFixtures.class.getResource("/specs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file of the repository, given relative to its root. */
  static Path repositoryFile(String relative) {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    return module.getParent().resolve(relative).normalize();
  }

  /** Copies a file into a directory, which is created if needed, keeping its name. */
  static Path copyInto(Path file, Path directory) {
    try {
      Files.createDirectories(directory);
      return Files.copy(file, directory.resolve(file.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes text as a spec file named spec.yaml into a directory. */
  static Path write(Path directory, String yaml) {
    try {
      return Files.writeString(directory.resolve("spec.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
