package org.twice.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CIFAR-10 as its authors distribute it in binary form: files of records of one label byte
 * and 3072 pixel bytes (the red, then green, then blue 32x32 plane, row by row, which is NCHW
 * order), five files of training records and one of test records, and batches.meta.txt naming the
 * classes one a line. Pixels are scaled to [0, 1].
 */
final class CifarBatches {
  static final int CHANNELS = 3;
  static final int SIDE = 32;
  static final int PIXELS = CHANNELS * SIDE * SIDE;
  static final int RECORD = 1 + PIXELS;

  private CifarBatches() {}

  /**
   * The first {@code trainSize} training and {@code testSize} test records; 0 keeps them all.
   *
   * @throws DatasetException naming the file that is missing, unreadable or malformed
   */
  static LoadedDataset load(DatasetKind kind, Path directory, int trainSize, int testSize) {
    List<Path> files =
        kind.fileNames().stream().map(f -> kind.locate(directory, f).orElseThrow()).toList();
    checkClassNames(files.get(files.size() - 1), kind.classNames());
    ImageSet train = read(files.subList(0, 5), trainSize, kind);
    ImageSet test = read(files.subList(5, 6), testSize, kind);
    return new LoadedDataset(kind, train, test);
  }

  private static ImageSet read(List<Path> files, int size, DatasetKind kind) {
    byte[][] contents = new byte[files.size()][];
    long available = 0;
    for (int f = 0; f < files.size() && (size == 0 || available < size); f++) {
      contents[f] = records(files.get(f));
      available += contents[f].length / RECORD;
    }
    if (size > available) {
      throw new DatasetException(
          "%s: %d examples asked for, the files hold %d"
              .formatted(String.join(", ", names(files)), size, available));
    }

    int count = size == 0 ? Math.toIntExact(available) : size;
    float[] pixels = new float[count * PIXELS];
    int[] labels = new int[count];
    int example = 0;
    for (int f = 0; example < count; f++) {
      example = decode(files.get(f), contents[f], example, count, pixels, labels, kind);
    }
    return new ImageSet(count, CHANNELS, SIDE, SIDE, pixels, labels);
  }

  /** Decodes a file's records into examples {@code from..}, up to {@code count} in all. */
  private static int decode(
      Path file,
      byte[] content,
      int from,
      int count,
      float[] pixels,
      int[] labels,
      DatasetKind kind) {
    int example = from;
    int classes = kind.classNames().size();
    for (int at = 0; at < content.length && example < count; at += RECORD, example++) {
      labels[example] = content[at] & 0xff;
      if (labels[example] >= classes) {
        throw new DatasetException(
            "%s: label %d of record %d is outside 0..%d; the file is corrupt, copy it again"
                .formatted(file, labels[example], at / RECORD, classes - 1));
      }
      int base = example * PIXELS;
      for (int p = 0; p < PIXELS; p++) {
        pixels[base + p] = (content[at + 1 + p] & 0xff) / 255f;
      }
    }
    return example;
  }

  private static byte[] records(Path file) {
    byte[] content = bytes(file);
    if (content.length == 0 || content.length % RECORD != 0) {
      throw new DatasetException(
          ("%s: %d bytes, not a whole number of %d-byte records (1 label byte and 3072 pixel"
                  + " bytes each); the file is truncated or not a CIFAR-10 binary batch")
              .formatted(file, content.length, RECORD));
    }
    return content;
  }

  private static void checkClassNames(Path file, List<String> expected) {
    List<String> names =
        new String(bytes(file), StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .toList();
    if (!names.equals(expected)) {
      throw new DatasetException(
          "%s: names the classes %s, expected %s in this order; it is not CIFAR-10's"
              .formatted(file, names, expected));
    }
  }

  private static byte[] bytes(Path file) {
    try (InputStream in = IdxFile.open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DatasetException("%s: cannot read it (%s)".formatted(file, e.getMessage()), e);
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(Path::toString).toList();
  }
}
