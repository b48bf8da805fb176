package org.twice.scheduler.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.twice.worker.nn.Architecture;
import org.twice.worker.nn.Augmentation;
import org.twice.worker.nn.OptimizerKind;
import org.twice.worker.nn.Schedule;
import org.twice.worker.nn.TrainConfig;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code models} section, where every field but two is a value or a list of values, and
 * expands it into one model per point of the grid the lists span. The two exceptions apply to every
 * model: {@code augment}, a word or a list of words naming the augmentations, and {@code sam_rho},
 * one number. The section may also be a list of such grids, whose models are joined: SGD with one
 * learning rate beside Adam with another, say.
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
          "schedule",
          "seed",
          "augment",
          "sam_rho");

  /** The grid fields a filter over models, such as a teacher's, may name. */
  static final List<String> FILTER_KEYS = KEYS.subList(0, KEYS.indexOf("seed") + 1);

  static final int MAX_MODELS = 10_000;

  private static final IntRange WIDTH = new IntRange(1, 4096);
  private static final Interval LEARNING_RATE = new Interval(0, false, 10, true);
  private static final IntRange EPOCHS = new IntRange(1, 10_000);
  private static final IntRange BATCH_SIZE = new IntRange(1, 65_536);
  private static final Interval LABEL_NOISE = new Interval(0, true, 1, false);
  private static final Interval SAM_RHO = new Interval(0, false, 1, true);

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
    return node instanceof SequenceNode grids ? union(grids, field) : models(node, field);
  }

  /** The models of several grids, each model in one grid only. */
  private Optional<List<ModelSpec>> union(SequenceNode grids, String field) {
    if (grids.getValue().isEmpty()) {
      problems.at(grids, field, "must be a grid of models or a non-empty list of grids");
      return Optional.empty();
    }
    List<ModelSpec> all = new ArrayList<>();
    Map<ModelSpec, String> firstGrid = new HashMap<>();
    boolean complete = true;
    for (int i = 0; i < grids.getValue().size(); i++) {
      Node grid = grids.getValue().get(i);
      String gridField = field + "[" + i + "]";
      Optional<List<ModelSpec>> models = models(grid, gridField);
      complete &= models.isPresent();
      for (ModelSpec model : models.orElse(List.of())) {
        String earlier = firstGrid.putIfAbsent(model, gridField);
        if (earlier != null) {
          problems.at(grid, gridField, "repeats a model of " + earlier + "; each model once");
          return Optional.empty();
        }
        all.add(model);
      }
    }
    if (complete && all.size() > MAX_MODELS) {
      String message = "spans " + all.size() + " models; an experiment may have at most ";
      problems.at(grids, field, message + MAX_MODELS + ", so shorten some lists or split the spec");
      return Optional.empty();
    }
    return complete ? Optional.of(List.copyOf(all)) : Optional.empty();
  }

  private Optional<List<ModelSpec>> models(Node node, String field) {
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
    var schedules = section.optional("schedule", axis(schedule()), List.of(Schedule.CONSTANT));
    var seeds = section.required("seed", axis(scalars.integer(IntRange.atLeast(0))));
    var augmentations = section.optional("augment", axis(augmentation()), List.of());
    var samRho = section.optional("sam_rho", scalars.number(SAM_RHO), TrainConfig.DEFAULT_SAM_RHO);

    if (!NodeReader.allRead(
        architectures,
        widths,
        optimizers,
        learningRates,
        epochs,
        batchSizes,
        labelNoises,
        schedules,
        seeds,
        augmentations)) {
      return Optional.empty();
    }
    if (samRho.isEmpty() || !isUsed(optimizers.get(), section)) {
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
            schedules.get(),
            seeds.get(),
            Set.copyOf(augmentations.get()),
            samRho.get()));
  }

  /** Whether a radius given for SAM serves a model; one given for none is a mistake. */
  private boolean isUsed(List<OptimizerKind> optimizers, Section section) {
    if (section.has("sam_rho") && !optimizers.contains(OptimizerKind.SAM)) {
      section.problem(
          "sam_rho", "is SAM's radius, but no model uses optimizer sam; drop it or add sam");
      return false;
    }
    return true;
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

  /**
   * The reader of one field's values, a value or a list, as a grid reads them; the field is one of
   * {@link #FILTER_KEYS}. The values have the types {@link ModelSpec#field} gives.
   */
  NodeReader<List<?>> values(String key) {
    return switch (key) {
      case "architecture" -> widened(axis(architecture()));
      case "width" -> widened(axis(scalars.smallInteger(WIDTH)));
      case "optimizer" -> widened(axis(optimizer()));
      case "learning_rate" -> widened(axis(scalars.number(LEARNING_RATE)));
      case "epochs" -> widened(axis(scalars.smallInteger(EPOCHS)));
      case "batch_size" -> widened(axis(scalars.smallInteger(BATCH_SIZE)));
      case "label_noise" -> widened(axis(scalars.number(LABEL_NOISE)));
      case "schedule" -> widened(axis(schedule()));
      case "seed" -> widened(axis(scalars.integer(IntRange.atLeast(0))));
      default -> throw new IllegalArgumentException("no grid field " + key);
    };
  }

  private static NodeReader<List<?>> widened(NodeReader<? extends List<?>> reader) {
    return reader.map(values -> values);
  }

  private NodeReader<Architecture> architecture() {
    return scalars
        .choice(Architecture.specNames())
        .map(name -> Architecture.bySpecName(name).orElseThrow());
  }

  private NodeReader<Schedule> schedule() {
    return scalars
        .choice(Schedule.specNames())
        .map(name -> Schedule.bySpecName(name).orElseThrow());
  }

  private NodeReader<Augmentation> augmentation() {
    return scalars
        .choice(Augmentation.specNames())
        .map(name -> Augmentation.bySpecName(name).orElseThrow());
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
