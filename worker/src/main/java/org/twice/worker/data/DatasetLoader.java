package org.twice.worker.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a dataset's files into memory and checks them. IDX files, gzipped or not: magic numbers,
 * dimensions, file lengths, matching image and label counts and the label range; CIFAR-10's
 * batches: see {@link CifarBatches}.
 */
public final class DatasetLoader {
  private DatasetLoader() {}

  /**
   * Reads the first {@code trainSize} training and {@code testSize} test examples of a dataset from
   * a directory; a size of 0 keeps them all.
   *
   * @throws DatasetException if a file is missing, corrupt or holds fewer examples than asked for
   */
  public static LoadedDataset load(DatasetKind kind, Path directory, int trainSize, int testSize) {
    if (trainSize < 0 || testSize < 0) {
      throw new IllegalArgumentException(
          "sizes must be 0 (all) or positive, got train=%d test=%d".formatted(trainSize, testSize));
    }
    checkPresent(kind, directory);
    if (kind.format() == DatasetKind.Format.CIFAR_BINARY) {
      return CifarBatches.load(kind, directory, trainSize, testSize);
    }

    // fileNames() lists training images, training labels, test images, test labels.
    List<Path> files = kind.fileNames().stream().map(f -> kind.locate(directory, f).get()).toList();
    ImageSet train = readSet(files.get(0), files.get(1), trainSize, kind);
    ImageSet test = readSet(files.get(2), files.get(3), testSize, kind);

    checkSameShape(train, test, files.get(0), files.get(2));
    return new LoadedDataset(kind, train, test);
  }

  static void checkPresent(DatasetKind kind, Path directory) {
    List<String> missing = kind.missingFiles(directory);
    if (!missing.isEmpty()) {
      throw new DatasetException(
          "%s: dataset %s lacks %s (plain or .gz)"
              .formatted(directory, kind.specName(), String.join(", ", missing)));
    }
  }

  private static ImageSet readSet(Path imageFile, Path labelFile, int size, DatasetKind kind) {
    IdxFile images = IdxFile.read(imageFile, 3);
    IdxFile labels = IdxFile.read(labelFile, 1);
    if (images.count() != labels.count()) {
      throw new DatasetException(
          "%s holds %d images but %s holds %d labels"
              .formatted(imageFile, images.count(), labelFile, labels.count()));
    }
    if (size > images.count()) {
      throw new DatasetException(
          "%s: %d examples asked for, the file holds %d"
              .formatted(imageFile, size, images.count()));
    }

    int count = size == 0 ? images.count() : size;
    int height = images.dimensions()[1];
    int width = images.dimensions()[2];
    float[] pixels = pixels(images, count * height * width);
    int[] classes = labels(labels, count, kind.classNames().size());
    return new ImageSet(count, 1, height, width, pixels, classes);
  }

  private static float[] pixels(IdxFile images, int length) {
    float[] pixels = new float[length];
    byte[] content = images.content();
    int offset = images.offset();
    for (int i = 0; i < length; i++) {
      pixels[i] = (content[offset + i] & 0xff) / 255f;
    }
    return pixels;
  }

  private static int[] labels(IdxFile labels, int count, int classes) {
    int[] values = new int[count];
    byte[] content = labels.content();
    for (int i = 0; i < count; i++) {
      values[i] = content[labels.offset() + i] & 0xff;
      if (values[i] >= classes) {
        throw new DatasetException(
            "%s: label %d of example %d is outside 0..%d"
                .formatted(labels.path(), values[i], i, classes - 1));
      }
    }
    return values;
  }

  private static void checkSameShape(ImageSet train, ImageSet test, Path trainFile, Path testFile) {
    if (train.height() != test.height() || train.width() != test.width()) {
      throw new DatasetException(
          "%s holds %dx%d images but %s holds %dx%d"
              .formatted(
                  trainFile, train.height(), train.width(), testFile, test.height(), test.width()));
    }
  }
}
