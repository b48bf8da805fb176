package org.twice.scheduler.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.OptimizerKind;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code models} section, where every field is a value or a list of values, and expands
 * it into one model per point of the grid the lists span.
 */
final class ModelReader implements NodeReader<List<ModelSpec>> {
  /** The keys in grid order: the first is the outermost axis, the last the innermost. */
  static final List<String> KEYS =
      List.of(
          "architecture",
          "width",
          "optimizer",
          "learning_rate",
          "epochs",
          "batch_size",
          "label_noise",
          "seed");

  static final int MAX_MODELS = 10_000;

  private static final IntRange WIDTH = new IntRange(1, 4096);
  private static final Interval LEARNING_RATE = new Interval(0, false, 10, true);
  private static final IntRange EPOCHS = new IntRange(1, 10_000);
  private static final IntRange BATCH_SIZE = new IntRange(1, 65_536);
  private static final Interval LABEL_NOISE = new Interval(0, true, 1, false);

  private final Problems problems;
  private final Scalars scalars;
  private final Lists lists;

  ModelReader(Problems problems) {
    this.problems = problems;
    this.scalars = new Scalars(problems);
    this.lists = new Lists(problems);
  }

  @Override
  public Optional<List<ModelSpec>> read(Node node, String field) {
    return Section.of(node, field, KEYS, problems)
        .flatMap(this::grid)
        .filter(grid -> isSmallEnough(grid, node, field))
        .map(ModelGrid::expand);
  }

  private Optional<ModelGrid> grid(Section section) {
    var architectures = section.required("architecture", axis(architecture()));
    var widths = section.required("width", axis(scalars.smallInteger(WIDTH)));
    var optimizers = section.required("optimizer", axis(optimizer()));
    var learningRates = section.required("learning_rate", axis(scalars.number(LEARNING_RATE)));
    var epochs = section.required("epochs", axis(scalars.smallInteger(EPOCHS)));
    var batchSizes =
        section.optional("batch_size", axis(scalars.smallInteger(BATCH_SIZE)), List.of(128));
    var labelNoises =
        section.optional("label_noise", axis(scalars.number(LABEL_NOISE)), List.of(0.0));
    var seeds = section.required("seed", axis(scalars.integer(IntRange.atLeast(0))));

    if (!NodeReader.allRead(
        architectures, widths, optimizers, learningRates, epochs, batchSizes, labelNoises, seeds)) {
      return Optional.empty();
    }
    return Optional.of(
        new ModelGrid(
            architectures.get(),
            widths.get(),
            optimizers.get(),
            learningRates.get(),
            epochs.get(),
            batchSizes.get(),
            labelNoises.get(),
            seeds.get()));
  }

  private boolean isSmallEnough(ModelGrid grid, Node node, String field) {
    BigInteger size = grid.size();
    boolean small = size.compareTo(BigInteger.valueOf(MAX_MODELS)) <= 0;
    if (!small) {
      String message = "spans " + size + " models; an experiment may have at most " + MAX_MODELS;
      problems.at(node, field, message + ", so shorten some lists or split the spec");
    }
    return small;
  }

  private NodeReader<Architecture> architecture() {
    return scalars
        .choice(Architecture.specNames())
        .map(name -> Architecture.bySpecName(name).orElseThrow());
  }

  private NodeReader<OptimizerKind> optimizer() {
    return scalars
        .choice(OptimizerKind.specNames())
        .map(name -> OptimizerKind.bySpecName(name).orElseThrow());
  }

  private <T> NodeReader<List<T>> axis(NodeReader<T> element) {
    return lists.oneOrMore(element);
  }
}
