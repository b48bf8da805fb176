package org.twice.scheduler.spec;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code planes} section; every field has a default. */
final class PlaneReader implements NodeReader<PlaneSpec> {
  static final List<String> KEYS = List.of("triplets", "mode", "resolution", "range", "seed");

  private static final IntRange TRIPLETS = new IntRange(1, 10_000);
  private static final IntRange RESOLUTION = new IntRange(3, 2048);
  private static final Interval MARGIN = Interval.closed(0, 10);

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

    if (!NodeReader.allRead(triplets, mode, resolution, range, seed)) {
      return Optional.empty();
    }
    return Optional.of(
        new PlaneSpec(
            triplets.get(),
            mode.get(),
            resolution.get(),
            range.get().get(0),
            range.get().get(1),
            seed.get()));
  }
}
