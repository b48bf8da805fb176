package org.twice.worker.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The datasets a spec may name. Each is read from a directory of files in the layout its authors
 * distribute; IDX files may be gzipped or not.
 */
public enum DatasetKind {
  FASHION_MNIST(
      "fashion-mnist",
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot")),
  MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

  static final List<String> IDX_FILES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  private final String specName;
  private final List<String> classNames;

  DatasetKind(String specName, List<String> classNames) {
    this.specName = specName;
    this.classNames = classNames;
  }

  public String specName() {
    return specName;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** The base names of the files this dataset needs in its directory. */
  public List<String> fileNames() {
    return IDX_FILES;
  }

  /** The file for a base name: the plain one if present, else the gzipped one. */
  public Optional<Path> locate(Path directory, String baseName) {
    Path plain = directory.resolve(baseName);
    if (Files.isRegularFile(plain)) {
      return Optional.of(plain);
    }
    Path gzipped = directory.resolve(baseName + ".gz");
    return Files.isRegularFile(gzipped) ? Optional.of(gzipped) : Optional.empty();
  }

  /** The base names of the files missing from a directory, in the order of {@link #fileNames}. */
  public List<String> missingFiles(Path directory) {
    return fileNames().stream().filter(f -> locate(directory, f).isEmpty()).toList();
  }

  public static Optional<DatasetKind> bySpecName(String name) {
    return Arrays.stream(values()).filter(d -> d.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(DatasetKind::specName).toList();
  }
}
