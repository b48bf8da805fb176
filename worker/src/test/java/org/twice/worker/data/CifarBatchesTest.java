package org.twice.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIFAR-10's binary batches, written small by the test: two records a training file, three test.
 */
class CifarBatchesTest {
  private static final int RECORD = 3073;

  @TempDir Path directory;

  @Test
  void readsRecordsAsColourImagesInChannelRowColumnOrder() throws IOException {
    writeDataset();

    LoadedDataset data = DatasetLoader.load(DatasetKind.CIFAR10, directory, 0, 0);

    assertThat(data.classes()).isEqualTo(10);
    assertThat(data.train().count()).isEqualTo(10);
    assertThat(data.train().channels()).isEqualTo(3);
    assertThat(data.train().height()).isEqualTo(32);
    assertThat(data.train().width()).isEqualTo(32);
    assertThat(data.train().labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(data.test().labels()).containsExactly(9, 8, 7);
    float[] image = data.train().image(3);
    assertThat(image[0]).isEqualTo(pixel(3, 0) / 255f);
    assertThat(image[1024 + 32 * 5 + 7]).isEqualTo(pixel(3, 1024 + 32 * 5 + 7) / 255f);
    assertThat(image[3071]).isEqualTo(pixel(3, 3071) / 255f);
  }

  @Test
  void takesTheFirstExamplesAcrossFiles() throws IOException {
    writeDataset();

    LoadedDataset data = DatasetLoader.load(DatasetKind.CIFAR10, directory, 3, 1);

    assertThat(data.train().labels()).containsExactly(0, 1, 2);
    assertThat(data.test().labels()).containsExactly(9);
  }

  @Test
  void missingFileIsNamed() throws IOException {
    writeDataset();
    Files.delete(directory.resolve("data_batch_4.bin"));

    assertThatThrownBy(() -> DatasetLoader.load(DatasetKind.CIFAR10, directory, 0, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("data_batch_4.bin");
  }

  @Test
  void truncatedFileIsNamed() throws IOException {
    writeDataset();
    Path test = directory.resolve("test_batch.bin");
    Files.write(test, Arrays.copyOf(Files.readAllBytes(test), 2 * RECORD + 100));

    assertThatThrownBy(() -> DatasetLoader.load(DatasetKind.CIFAR10, directory, 0, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(test.toString())
        .hasMessageContaining("not a whole number of 3073-byte records");
  }

  @Test
  void labelOutsideTheClassesIsNamed() throws IOException {
    writeDataset();
    Files.write(directory.resolve("data_batch_2.bin"), records(10, 1));

    assertThatThrownBy(() -> DatasetLoader.load(DatasetKind.CIFAR10, directory, 0, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("data_batch_2.bin: label 10 of record 0");
  }

  @Test
  void otherClassNamesAreRejected() throws IOException {
    writeDataset();
    Files.writeString(directory.resolve("batches.meta.txt"), "cat\ndog\n");

    assertThatThrownBy(() -> DatasetLoader.load(DatasetKind.CIFAR10, directory, 0, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("batches.meta.txt: names the classes [cat, dog]");
  }

  @Test
  void fingerprintChangesWithAnyRecord() throws IOException {
    writeDataset();
    String before = DatasetFingerprint.of(DatasetKind.CIFAR10, directory);

    Files.write(directory.resolve("data_batch_5.bin"), records(7, 2));

    assertThat(DatasetFingerprint.of(DatasetKind.CIFAR10, directory)).isNotEqualTo(before);
  }

  /** Five training files of labels 0 1, 2 3, ..., 8 9; a test file of 9 8 7; the class names. */
  private void writeDataset() throws IOException {
    for (int f = 1; f <= 5; f++) {
      Files.write(directory.resolve("data_batch_" + f + ".bin"), records(2 * f - 2, 2));
    }
    byte[] test = new byte[3 * RECORD];
    for (int r = 0; r < 3; r++) {
      System.arraycopy(records(9 - r, 1), 0, test, r * RECORD, RECORD);
    }
    Files.write(directory.resolve("test_batch.bin"), test);
    String names = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n";
    Files.write(directory.resolve("batches.meta.txt"), names.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code count} records of labels first, first + 1, ..., each with its own pixels. */
  private static byte[] records(int first, int count) {
    byte[] bytes = new byte[count * RECORD];
    for (int r = 0; r < count; r++) {
      bytes[r * RECORD] = (byte) (first + r);
      for (int p = 0; p < 3072; p++) {
        bytes[r * RECORD + 1 + p] = (byte) pixel(first + r, p);
      }
    }
    return bytes;
  }

  /** The byte value of pixel p of the image with the given label: distinct along the image. */
  private static int pixel(int label, int p) {
    return (label * 37 + p * 11) % 256;
  }
}
