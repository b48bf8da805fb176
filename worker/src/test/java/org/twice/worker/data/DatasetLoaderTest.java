package org.twice.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
  private static final DatasetKind KIND = DatasetKind.FASHION_MNIST;

  @TempDir Path temp;

  @Test
  void readsTheShippedSampleWhole() {
    LoadedDataset data = DatasetLoader.load(KIND, SampleData.directory(), 0, 0);

    assertThat(data.train().count()).isEqualTo(10000);
    assertThat(data.test().count()).isEqualTo(2000);
    assertThat(data.classes()).isEqualTo(10);
    for (ImageSet set : new ImageSet[] {data.train(), data.test()}) {
      assertThat(set.channels()).isEqualTo(1);
      assertThat(set.height()).isEqualTo(28);
      assertThat(set.width()).isEqualTo(28);
      assertThat(set.features()).isEqualTo(784);
      assertThat(Arrays.stream(set.labels()).distinct().sorted().toArray())
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(min(set.pixels())).isEqualTo(0f);
      assertThat(max(set.pixels())).isEqualTo(1f);
    }
  }

  @Test
  void keepsTheFirstExamplesAskedFor() {
    LoadedDataset all = DatasetLoader.load(KIND, SampleData.directory(), 0, 0);

    LoadedDataset head = DatasetLoader.load(KIND, SampleData.directory(), 30, 20);

    assertThat(head.train().count()).isEqualTo(30);
    assertThat(head.test().count()).isEqualTo(20);
    assertThat(head.train().labels()).containsExactly(Arrays.copyOf(all.train().labels(), 30));
    assertThat(head.test().image(19)).containsExactly(all.test().image(19));
  }

  @Test
  void readsPlainAndGzippedCopiesAlike() throws IOException {
    Path plain = Files.createDirectory(temp.resolve("plain"));
    SampleData.copyPlain(plain);

    LoadedDataset fromPlain = DatasetLoader.load(KIND, plain, 50, 50);
    LoadedDataset fromGzipped = DatasetLoader.load(KIND, SampleData.directory(), 50, 50);

    assertThat(fromPlain.train().pixels()).containsExactly(fromGzipped.train().pixels());
    assertThat(fromPlain.test().labels()).containsExactly(fromGzipped.test().labels());
  }

  @Test
  void truncatedFileFailsNamingTheFile() throws IOException {
    SampleData.copyPlain(temp);
    Path images = temp.resolve("t10k-images-idx3-ubyte");
    byte[] content = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(content, content.length - 100));

    assertThatThrownBy(() -> DatasetLoader.load(KIND, temp, 10, 10))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte")
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedGzipFileFailsNamingTheFile() throws IOException {
    SampleData.copyGzipped(temp);
    Path labels = temp.resolve("train-labels-idx1-ubyte.gz");
    byte[] content = Files.readAllBytes(labels);
    Files.write(labels, Arrays.copyOf(content, content.length / 2));

    assertThatThrownBy(() -> DatasetLoader.load(KIND, temp, 10, 10))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("train-labels-idx1-ubyte.gz")
        .hasMessageContaining("truncated");
  }

  @Test
  void wrongMagicNumberFailsNamingTheFile() throws IOException {
    SampleData.copyPlain(temp);
    Path labels = temp.resolve("train-labels-idx1-ubyte");
    byte[] content = Files.readAllBytes(labels);
    content[2] = 0x0d;
    Files.write(labels, content);

    assertThatThrownBy(() -> DatasetLoader.load(KIND, temp, 10, 10))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("train-labels-idx1-ubyte")
        .hasMessageContaining("magic number");
  }

  @Test
  void missingFilesAreListed() throws IOException {
    SampleData.copyPlain(temp);
    Files.delete(temp.resolve("t10k-labels-idx1-ubyte"));

    assertThatThrownBy(() -> DatasetLoader.load(KIND, temp, 10, 10))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("lacks t10k-labels-idx1-ubyte");
  }

  @Test
  void askingForMoreExamplesThanHeldFails() {
    assertThatThrownBy(() -> DatasetLoader.load(KIND, SampleData.directory(), 10, 2001))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("2001 examples asked for, the file holds 2000");
  }

  private static float min(float[] values) {
    float min = Float.MAX_VALUE;
    for (float value : values) {
      min = Math.min(min, value);
    }
    return min;
  }

  private static float max(float[] values) {
    float max = -Float.MAX_VALUE;
    for (float value : values) {
      max = Math.max(max, value);
    }
    return max;
  }
}
