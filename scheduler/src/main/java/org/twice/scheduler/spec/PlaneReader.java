package org.twice.scheduler.spec;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code planes} section; every field has a default. */
final class PlaneReader implements NodeReader<PlaneSpec> {
  static final List<String> KEYS =
      List.of("triplets", "mode", "resolution", "range", "seed", "ids", "pictures");

  private static final IntRange TRIPLETS = new IntRange(1, 10_000);
  private static final IntRange RESOLUTION = new IntRange(3, 2048);
  private static final Interval MARGIN = Interval.closed(0, 10);
  private static final IntRange INDEX = new IntRange(0, 10_000_000);

  private final Problems problems;
  private final Scalars scalars;
  private final Lists lists;

  PlaneReader(Problems problems) {
    this.problems = problems;
    this.scalars = new Scalars(problems);
    this.lists = new Lists(problems);
  }

  @Override
  public Optional<PlaneSpec> read(Node node, String field) {
    return Section.of(node, field, KEYS, problems).flatMap(this::read);
  }

  private Optional<PlaneSpec> read(Section section) {
    PlaneSpec defaults = PlaneSpec.DEFAULTS;
    var triplets =
        section.optional("triplets", scalars.smallInteger(TRIPLETS), defaults.triplets());
    var mode = section.optional("mode", scalars.choice(PlaneSpec.MODES), defaults.mode());
    var resolution =
        section.optional("resolution", scalars.smallInteger(RESOLUTION), defaults.resolution());
    var range =
        section.optional(
            "range",
            lists.exactly(2, scalars.number(MARGIN), "a list of two numbers [low, high]"),
            List.of(defaults.rangeLow(), defaults.rangeHigh()));
    var seed = section.optional("seed", scalars.integer(IntRange.atLeast(0)), defaults.seed());
    var ids =
        section.optional(
            "ids",
            lists.oneOrMore(
                lists.exactly(
                    3, scalars.smallInteger(INDEX), "a list of three test-image indices")),
            defaults.ids());
    var pictures = section.optional("pictures", scalars.bool(), defaults.pictures());

    if (!NodeReader.allRead(triplets, mode, resolution, range, seed, ids, pictures)) {
      return Optional.empty();
    }
    checkIds(section, mode.get(), ids.get());
    return Optional.of(
        new PlaneSpec(
            triplets.get(),
            mode.get(),
            resolution.get(),
            range.get().get(0),
            range.get().get(1),
            seed.get(),
            ids.get(),
            pictures.get()));
  }

  private void checkIds(Section section, String mode, List<List<Integer>> ids) {
    if (mode.equals("given") && ids.isEmpty()) {
      section.problem("ids", "is required with mode given: a list of [i, j, k] test-image indices");
    }
    if (!mode.equals("given") && !ids.isEmpty()) {
      section.problem("ids", "is only allowed with mode given; the mode is " + mode);
    }
  }
}
