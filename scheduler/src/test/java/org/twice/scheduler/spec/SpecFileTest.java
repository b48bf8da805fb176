package org.twice.scheduler.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects of a spec file as a whole, which a corpus of spec files cannot hold. */
class SpecFileTest {
  @TempDir Path directory;

  @Test
  void missingFileIsReportedWithItsName() {
    Path spec = directory.resolve("absent.yaml");

    SpecException exception = failure(spec);

    assertThat(exception.getMessage())
        .isEqualTo("spec " + spec + " is invalid (1 error):\n" + spec + ": file does not exist");
  }

  @Test
  void directoryIsNoSpecFile() {
    SpecException exception = failure(directory);

    assertThat(onlyMessage(exception)).startsWith("is not a regular file");
  }

  @Test
  void fileOverOneMebibyteIsRefused() throws IOException {
    Path spec = Files.writeString(directory.resolve("big.yaml"), "#".repeat(1024 * 1024 + 1));

    SpecException exception = failure(spec);

    assertThat(onlyMessage(exception)).isEqualTo("is 1048577 bytes; a spec may be at most 1048576");
  }

  @Test
  void fileThatIsNotUtf8IsRefused() throws IOException {
    Path spec =
        Files.write(directory.resolve("latin1.yaml"), new byte[] {'n', ':', ' ', (byte) 0xe9});

    SpecException exception = failure(spec);

    assertThat(onlyMessage(exception)).startsWith("is not valid UTF-8 text");
  }

  @Test
  void errorReadsAsFileLineColumnFieldMessage() {
    SpecError error = new SpecError(Path.of("s.yaml"), 7, 10, "models.width", "must be x");

    assertThat(error).hasToString("s.yaml:7:10: models.width: must be x");
  }

  @Test
  void errorOfTheWholeFileLeavesOutPositionAndField() {
    SpecError error = new SpecError(Path.of("s.yaml"), 0, 0, "", "file does not exist");

    assertThat(error).hasToString("s.yaml: file does not exist");
  }

  private static SpecException failure(Path spec) {
    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecParser.parse(spec));
    assertThat(exception).as("spec %s is accepted", spec).isNotNull();
    return exception;
  }

  private static String onlyMessage(SpecException exception) {
    assertThat(exception.errors()).hasSize(1);
    SpecError error = exception.errors().get(0);
    assertThat(error.line()).isZero();
    return error.message();
  }
}
