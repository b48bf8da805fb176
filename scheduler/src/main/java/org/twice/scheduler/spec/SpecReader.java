package org.twice.scheduler.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Reads the top level of a spec, handing each section to its own reader. */
final class SpecReader {
  static final List<String> KEYS =
      List.of(
          "name", "dataset", "models", "distill", "planes", "scores", "group_by", "max_attempts");

  static final List<String> REQUIRED_KEYS = List.of("name", "dataset", "models");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String NAME_RULE = "1 to 64 letters, digits, '-' or '_'";
  private static final IntRange ATTEMPTS = new IntRange(1, 100);
  private static final List<String> GROUP_BY = List.of("architecture");
  private static final int MAX_ATTEMPTS = 3;

  private final Path file;
  private final Problems problems;
  private final Scalars scalars;
  private final Lists lists;

  /**
   * @param file the spec file, absolute and normalised
   */
  SpecReader(Path file, Problems problems) {
    this.file = file;
    this.problems = problems;
    this.scalars = new Scalars(problems);
    this.lists = new Lists(problems);
  }

  /** The spec, or empty after recording every problem found in it. */
  Optional<Spec> read(MappingNode root) {
    Section top = Section.of(root, "", KEYS, problems).orElseThrow();
    var name = top.required("name", scalars.text(NAME, NAME_RULE));
    var dataset = top.required("dataset", new DatasetReader(file.getParent(), problems));
    var models = top.required("models", new ModelReader(problems));
    var distillations =
        top.optional("distill", new DistillReader(problems, models), List.<Distillation>of());
    var planes = top.optional("planes", new PlaneReader(problems), PlaneSpec.DEFAULTS);
    var scores = top.optional("scores", words(Spec.SCORES), Spec.SCORES);
    var groupBy = top.optional("group_by", words(ModelSpec.GROUP_FIELDS), GROUP_BY);
    var maxAttempts = top.optional("max_attempts", scalars.smallInteger(ATTEMPTS), MAX_ATTEMPTS);

    if (planes.isPresent() && models.isPresent()) {
      checkMislabeledMode(top, planes.get(), models.get());
    }
    if (groupBy.isPresent()) {
      checkDistilledGroups(top, groupBy.get());
    }
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Spec(
            file,
            name.orElseThrow(),
            dataset.orElseThrow(),
            models.orElseThrow(),
            distillations.orElseThrow(),
            planes.orElseThrow(),
            scores.orElseThrow(),
            groupBy.orElseThrow(),
            maxAttempts.orElseThrow()));
  }

  private NodeReader<List<String>> words(List<String> allowed) {
    return lists.oneOrMore(scalars.choice(allowed));
  }

  /** Grouping by distilled needs students to tell from trained models. */
  private static void checkDistilledGroups(Section top, List<String> groupBy) {
    if (groupBy.contains("distilled") && !top.has("distill")) {
      top.problem(
          "group_by",
          "groups models by distilled, but the spec distills no students; add a distill section"
              + " or drop distilled");
    }
  }

  /** Mislabeled triplets need training labels flipped by label noise. */
  private static void checkMislabeledMode(Section top, PlaneSpec planes, List<ModelSpec> models) {
    boolean noisy = models.stream().anyMatch(m -> m.labelNoise() > 0);
    if (planes.mode().equals("mislabeled") && !noisy) {
      top.problem(
          "planes",
          "mode mislabeled needs models with label_noise above 0, so that some training labels"
              + " are flipped; give models.label_noise a value such as 0.2");
    }
  }
}
