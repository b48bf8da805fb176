package org.twice.scheduler.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twice.worker.data.DatasetKind;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;

class SpecParserTest {
  private static final Path QUICKSTART = SpecFixtures.repositoryFile("examples/quickstart.yaml");

  @TempDir Path directory;

  @Test
  void quickstartExpandsToTwoArchitecturesTimesThreeSeeds() {
    Path spec = SpecFixtures.copyInto(QUICKSTART, directory.resolve("examples"));
    Path data = SpecFixtures.placeholderDataset(directory.resolve("data/fashion-mnist-sample"));

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.file()).isEqualTo(spec.toAbsolutePath());
    assertThat(parsed.name()).isEqualTo("quickstart");
    assertThat(parsed.dataset().kind()).isEqualTo(DatasetKind.FASHION_MNIST);
    assertThat(parsed.dataset().directory()).isEqualTo(data);
    assertThat(parsed.models())
        .extracting(ModelSpec::architecture, ModelSpec::seed)
        .containsExactly(
            tuple(Architecture.MLP, 1L),
            tuple(Architecture.MLP, 2L),
            tuple(Architecture.MLP, 3L),
            tuple(Architecture.CNN, 1L),
            tuple(Architecture.CNN, 2L),
            tuple(Architecture.CNN, 3L));
    assertThat(parsed.models())
        .extracting(ModelSpec::optimizer, ModelSpec::learningRate, ModelSpec::epochs)
        .containsOnly(tuple(OptimizerKind.ADAM, 0.001, 2));
    assertThat(parsed.planes()).isEqualTo(PlaneSpec.DEFAULTS);
    assertThat(parsed.scores()).containsExactly("accuracy", "reproducibility");
    assertThat(parsed.groupBy()).containsExactly("architecture");
    assertThat(parsed.maxAttempts()).isEqualTo(3);
  }

  @Test
  void quickstartReadsTheSampleDatasetOfTheRepository() {
    Path sample = SpecFixtures.repositoryFile("data/fashion-mnist-sample");
    assumeThat(Files.isDirectory(sample)).as("sample dataset present").isTrue();

    Spec parsed = SpecParser.parse(QUICKSTART);

    assertThat(parsed.dataset().directory()).isEqualTo(sample);
    assertThat(parsed.models()).hasSize(6);
  }

  @Test
  void schedulesSpanTheGridWhileAugmentationAndRadiusApplyToEveryModel() {
    Path spec =
        SpecFixtures.copyInto(SpecFixtures.resource("good/training-settings.yaml"), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"));

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.models())
        .extracting(ModelSpec::optimizer, ModelSpec::schedule, ModelSpec::samRho)
        .containsExactly(
            tuple(OptimizerKind.SGD, Schedule.STEP, 0.0),
            tuple(OptimizerKind.SGD, Schedule.COSINE, 0.0),
            tuple(OptimizerKind.SAM, Schedule.STEP, 0.1),
            tuple(OptimizerKind.SAM, Schedule.COSINE, 0.1));
    assertThat(parsed.models())
        .allSatisfy(
            m ->
                assertThat(m.augmentations())
                    .containsExactly(Augmentation.CROP, Augmentation.FLIP));
    assertThat(parsed.models().get(3).label())
        .isEqualTo("resnet18 w8 sam lr0.1 e4 b128 cosine crop+flip rho0.1 seed1 noise0");
  }

  @Test
  void aListOfGridsJoinsTheirModelsInOrder() {
    Path spec = SpecFixtures.copyInto(SpecFixtures.resource("good/two-grids.yaml"), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"));

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.models())
        .extracting(ModelSpec::label)
        .containsExactly(
            "mlp w8 sgd lr0.05 e1 b128 seed1 noise0",
            "mlp w8 sgd lr0.05 e1 b128 seed2 noise0",
            "cnn w8 sgd lr0.05 e1 b128 seed1 noise0",
            "cnn w8 sgd lr0.05 e1 b128 seed2 noise0",
            "cnn w8 adam lr0.001 e1 b128 seed1 noise0");
  }

  @Test
  void leftOutFieldsTakeTheirDefaults() {
    Path spec = SpecFixtures.copyInto(SpecFixtures.resource("good/minimal.yaml"), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"));

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.dataset().trainSize()).isZero();
    assertThat(parsed.dataset().testSize()).isZero();
    assertThat(parsed.dataset().noiseSeed()).isZero();
    assertThat(parsed.models())
        .containsExactly(
            new ModelSpec(Architecture.CNN, 16, OptimizerKind.SGD, 0.1, 1, 128, 7, 0.0));
    assertThat(parsed.planes()).isEqualTo(PlaneSpec.DEFAULTS);
    assertThat(parsed.scores()).isEqualTo(Spec.SCORES);
    assertThat(parsed.groupBy()).containsExactly("architecture");
    assertThat(parsed.maxAttempts()).isEqualTo(3);
  }

  @Test
  void gridFollowsTheFieldOrderOfTheFormatNotOfTheFile() {
    Path spec = SpecFixtures.copyInto(SpecFixtures.resource("good/grid.yaml"), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"), ".gz");

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.models()).hasSize(2 * 2 * 2 * 2 * 2);
    assertThat(parsed.models().subList(0, 9))
        .extracting(ModelSpec::label)
        .containsExactly(
            "mlp w8 sgd lr0.1 e3 b32 seed1 noise0",
            "mlp w8 sgd lr0.1 e3 b32 seed2 noise0",
            "mlp w8 sgd lr0.1 e3 b32 seed1 noise0.2",
            "mlp w8 sgd lr0.1 e3 b32 seed2 noise0.2",
            "mlp w8 sgd lr0.01 e3 b32 seed1 noise0",
            "mlp w8 sgd lr0.01 e3 b32 seed2 noise0",
            "mlp w8 sgd lr0.01 e3 b32 seed1 noise0.2",
            "mlp w8 sgd lr0.01 e3 b32 seed2 noise0.2",
            "mlp w16 sgd lr0.1 e3 b32 seed1 noise0");
    assertThat(parsed.models().get(16).label()).isEqualTo("cnn w8 sgd lr0.1 e3 b32 seed1 noise0");
    assertThat(parsed.dataset().kind()).isEqualTo(DatasetKind.MNIST);
    assertThat(parsed.dataset().noiseSeed()).isEqualTo(5);
    assertThat(parsed.scores()).containsExactly("accuracy");
    assertThat(parsed.groupBy()).containsExactly("architecture", "width");
  }

  @Test
  void everyDefectOfASpecIsReportedInOrderOfPosition() {
    Path spec = SpecFixtures.copyInto(SpecFixtures.resource("multiple-errors.yaml"), directory);
    SpecFixtures.placeholderDataset(directory.resolve("data"));

    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecParser.parse(spec));

    assertThat(exception.errors())
        .extracting(SpecError::field, SpecError::line, SpecError::column)
        .containsExactly(
            tuple("name", 1, 7),
            tuple("models.seed", 6, 3),
            tuple("models.architecture[1]", 6, 23),
            tuple("models.width", 7, 10),
            tuple("planes.triplets", 12, 13),
            tuple("colour", 14, 1));
    assertThat(exception.getMessage())
        .startsWith("spec " + spec + " is invalid (6 errors):\n" + spec + ":1:7: name: must be");
  }

  @Test
  void relativeDatasetPathsResolveAgainstTheSpecDirectory() throws IOException {
    Path nested = Files.createDirectories(directory.resolve("experiments/2024"));
    Path data = SpecFixtures.placeholderDataset(directory.resolve("data"));
    Path spec = SpecFixtures.write(nested, minimalSpec("../../data"));

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.dataset().directory()).isEqualTo(data).isAbsolute();
  }

  @Test
  void absoluteDatasetPathsAreKept() {
    Path data = SpecFixtures.placeholderDataset(directory.resolve("elsewhere/fashion"));
    Path spec = SpecFixtures.write(directory, minimalSpec(data.toString()));

    Spec parsed = SpecParser.parse(spec);

    assertThat(parsed.dataset().directory()).isEqualTo(data);
  }

  @Test
  void gridOfMoreThanTenThousandModelsIsRefused() {
    SpecFixtures.placeholderDataset(directory.resolve("data"));
    String widths = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(flowList());
    String seeds = IntStream.rangeClosed(0, 100).mapToObj(Integer::toString).collect(flowList());
    String yaml =
        minimalSpec("data")
            .replace("width: 16", "width: " + widths)
            .replace("seed: 7", "seed: " + seeds);
    Path spec = SpecFixtures.write(directory, yaml);

    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecParser.parse(spec));

    assertThat(exception.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("models");
              assertThat(error.message()).startsWith("spans 10100 models; an experiment may have");
            });
  }

  private static String minimalSpec(String dataPath) {
    return String.join(
        "\n",
        "name: minimal",
        "dataset:",
        "  name: fashion-mnist",
        "  path: '" + dataPath + "'",
        "models:",
        "  architecture: cnn",
        "  width: 16",
        "  optimizer: sgd",
        "  learning_rate: 0.1",
        "  epochs: 1",
        "  seed: 7",
        "");
  }

  private static Collector<CharSequence, ?, String> flowList() {
    return Collectors.joining(", ", "[", "]");
  }
}
