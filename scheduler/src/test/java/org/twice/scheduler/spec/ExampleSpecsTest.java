package org.twice.scheduler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twice.scheduler.plan.Planner;
import org.twice.worker.data.DatasetKind;

/** Every spec in examples/ is valid and plans; the GPU ones once given a CIFAR-10 directory. */
class ExampleSpecsTest {
  @TempDir Path directory;

  static Stream<Path> cpuExamples() throws IOException {
    return specs(SpecFixtures.repositoryFile("examples"));
  }

  static Stream<Path> gpuExamples() throws IOException {
    return specs(SpecFixtures.repositoryFile("examples/gpu"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cpuExamples")
  void runsOnTheSampleOfTheRepository(Path example) {
    Spec spec = SpecParser.parse(example);

    assertThat(spec.dataset().directory())
        .isEqualTo(SpecFixtures.repositoryFile("data/fashion-mnist-sample"));
    assertThat(Planner.plan(spec).tasks()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gpuExamples")
  void runsOnCifar10WhereTheSpecPointsAtIt(Path example) throws IOException {
    Path cifar = Files.createDirectories(directory.resolve("cifar-10-batches-bin"));
    for (String name : DatasetKind.CIFAR10.fileNames()) {
      Files.write(cifar.resolve(name), batch(200));
    }
    Files.writeString(
        cifar.resolve("batches.meta.txt"),
        "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
    String text = Files.readString(example);
    assertThat(text).contains("path: /data/cifar-10-batches-bin");
    Path copy =
        Files.writeString(
            directory.resolve(example.getFileName()),
            text.replace("path: /data/cifar-10-batches-bin", "path: " + cifar));

    Spec spec = SpecParser.parse(copy);

    assertThat(spec.dataset().kind()).isEqualTo(DatasetKind.CIFAR10);
    assertThat(Planner.plan(spec).tasks()).isNotEmpty();
  }

  @Test
  void theReadmesSpecIsValidAndItsListOfGridsAndDistillSectionJoinIntoIt() throws IOException {
    String readme = Files.readString(SpecFixtures.repositoryFile("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).hasSize(3);
    String spec = blocks.get(0).replace("../data/fashion-mnist-sample", "data");
    SpecFixtures.placeholderDataset(directory.resolve("data"));

    Spec full = SpecParser.parse(SpecFixtures.write(directory, spec));
    String grids = spec.substring(0, spec.indexOf("models:")) + blocks.get(1);
    Spec joined = SpecParser.parse(SpecFixtures.write(directory, grids));
    Spec distilled = SpecParser.parse(SpecFixtures.write(directory, spec + blocks.get(2)));

    assertThat(full.models()).hasSize(6);
    assertThat(joined.models()).hasSize(6);
    assertThat(distilled.distillations()).hasSize(4);
  }

  /** Records of CIFAR-10's binary form: a label byte, labels in turn, then 3,072 pixel bytes. */
  private static byte[] batch(int records) {
    byte[] bytes = new byte[records * 3073];
    for (int i = 0; i < records; i++) {
      bytes[i * 3073] = (byte) (i % 10);
      bytes[i * 3073 + 1 + i % 3072] = (byte) i;
    }
    return bytes;
  }

  private static Stream<Path> specs(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }
}
