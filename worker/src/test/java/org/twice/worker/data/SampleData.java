package org.twice.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Fashion-MNIST sample shipped in the repository, for tests of every package. */
public final class SampleData {
  private static LoadedDataset small;

  private SampleData() {}

  /** The sample's directory, found from the working directory upwards. */
  public static Path directory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path sample = dir.resolve("data").resolve("fashion-mnist-sample");
      if (Files.isDirectory(sample)) {
        return sample;
      }
    }
    throw new IllegalStateException("no data/fashion-mnist-sample above the working directory");
  }

  /** The first 2000 training and 500 test images of the sample, read once per JVM. */
  public static synchronized LoadedDataset small() {
    if (small == null) {
      small = DatasetLoader.load(DatasetKind.FASHION_MNIST, directory(), 2000, 500);
    }
    return small;
  }

  /** Copies the sample into a directory with every file decompressed. */
  public static void copyPlain(Path target) {
    for (String name : DatasetKind.FASHION_MNIST.fileNames()) {
      try (InputStream in = IdxFile.open(directory().resolve(name + ".gz"))) {
        Files.write(target.resolve(name), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Copies the sample's gzipped files into a directory as they are. */
  public static void copyGzipped(Path target) throws IOException {
    for (String name : DatasetKind.FASHION_MNIST.fileNames()) {
      Files.copy(directory().resolve(name + ".gz"), target.resolve(name + ".gz"));
    }
  }
}
