package org.twice.worker.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The datasets a spec may name. Each is read from a directory of files in the layout its authors
 * distribute: MNIST and Fashion-MNIST as IDX files, gzipped or not; CIFAR-10 as its binary batches
 * with the file of class names.
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
          "Ankle boot"),
      Format.IDX),
  MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Format.IDX),
  CIFAR10(
      "cifar10",
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
      Format.CIFAR_BINARY);

  /** How a dataset's files hold its images and labels. */
  public enum Format {
    /** Four IDX files: training images, training labels, test images, test labels. */
    IDX,
    /** CIFAR-10's binary batches: five of training records, one of test records, class names. */
    CIFAR_BINARY
  }

  static final List<String> IDX_FILES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  static final List<String> CIFAR_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin",
          "test_batch.bin",
          "batches.meta.txt");

  private final String specName;
  private final List<String> classNames;
  private final Format format;

  DatasetKind(String specName, List<String> classNames, Format format) {
    this.specName = specName;
    this.classNames = classNames;
    this.format = format;
  }

  public Format format() {
    return format;
  }

  public String specName() {
    return specName;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** The base names of the files this dataset needs in its directory. */
  public List<String> fileNames() {
    return format == Format.IDX ? IDX_FILES : CIFAR_FILES;
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
