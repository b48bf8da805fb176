package org.twice.scheduler.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the corpus of bad specs under {@code specs/bad}. Each file holds one defect and says on its
 * first line which error it must produce: {@code # expect: FIELD:LINE: MESSAGE FRAGMENT}, where
 * line 0 and an empty field stand for a defect of the whole file. The dataset path {@code data} in
 * them names a directory of placeholder files that each test creates next to the copy.
 */
class SpecBadCorpusTest {
  private static final Pattern EXPECTATION = Pattern.compile("# expect: ([^:]*):(\\d+): (.+)");

  @TempDir Path directory;

  static Stream<String> badSpecs() throws IOException {
    try (Stream<Path> files = Files.list(SpecFixtures.resource("bad"))) {
      return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void corpusCoversManyDefects() throws IOException {
    assertThat(badSpecs()).hasSizeGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void badSpecIsRejectedWithTheExpectedError(String fileName) throws IOException {
    Path spec = SpecFixtures.copyInto(SpecFixtures.resource("bad/" + fileName), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"));
    Matcher expected = expectation(spec);

    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecParser.parse(spec));

    assertThat(exception).as("%s is accepted", fileName).isNotNull();
    List<SpecError> errors = exception.errors();
    assertThat(errors)
        .as(exception.getMessage())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.file()).isEqualTo(spec);
              assertThat(error.field()).isEqualTo(expected.group(1));
              assertThat(error.line()).isEqualTo(Integer.parseInt(expected.group(2)));
              assertThat(error.message()).contains(expected.group(3));
            });
  }

  private static Matcher expectation(Path spec) throws IOException {
    String firstLine = Files.readAllLines(spec).get(0);
    Matcher matcher = EXPECTATION.matcher(firstLine);
    assertThat(matcher.matches()).as("first line of %s: %s", spec, firstLine).isTrue();
    return matcher;
  }
}
