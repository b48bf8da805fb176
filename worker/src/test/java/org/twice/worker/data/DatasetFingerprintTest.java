package org.twice.worker.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFingerprintTest {
  private static final DatasetKind KIND = DatasetKind.FASHION_MNIST;

  @TempDir Path temp;

  @Test
  void gzippedAndPlainCopiesShareAFingerprint() {
    SampleData.copyPlain(temp);

    String plain = DatasetFingerprint.of(KIND, temp);
    String gzipped = DatasetFingerprint.of(KIND, SampleData.directory());

    assertThat(plain).isEqualTo(gzipped).matches("[0-9a-f]{64}");
  }

  @Test
  void oneChangedByteChangesTheFingerprint() throws IOException {
    SampleData.copyPlain(temp);
    String before = DatasetFingerprint.of(KIND, temp);
    Path labels = temp.resolve("t10k-labels-idx1-ubyte");
    byte[] content = Files.readAllBytes(labels);
    content[100] ^= 1;
    Files.write(labels, content);

    String after = DatasetFingerprint.of(KIND, temp);

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void theDatasetNameIsPartOfTheFingerprint() {
    String asFashion = DatasetFingerprint.of(DatasetKind.FASHION_MNIST, SampleData.directory());
    String asDigits = DatasetFingerprint.of(DatasetKind.MNIST, SampleData.directory());

    assertThat(asFashion).isNotEqualTo(asDigits);
  }
}
