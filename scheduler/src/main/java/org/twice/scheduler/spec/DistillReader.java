package org.twice.scheduler.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code distill} section: a temperature and a list of pairs, each a filter that picks
 * teachers among the spec's models and a grid of students (or a list of grids) as in {@code
 * models}, without label noise, which a student takes from its teacher. Every student of a pair is
 * distilled from every teacher the filter matches, at the pair's temperature or the section's.
 */
final class DistillReader implements NodeReader<List<Distillation>> {
  static final List<String> KEYS = List.of("temperature", "pairs");
  static final List<String> PAIR_KEYS = List.of("teacher", "students", "temperature");

  private static final Interval TEMPERATURE = new Interval(0, false, 1000, true);

  private final Problems problems;
  private final Optional<List<ModelSpec>> models;
  private final Scalars scalars;
  private final ModelReader students;

  /**
   * @param models the spec's models, or empty if the models section is invalid, in which case no
   *     teacher filter is matched against them
   */
  DistillReader(Problems problems, Optional<List<ModelSpec>> models) {
    this.problems = problems;
    this.models = models;
    this.scalars = new Scalars(problems);
    this.students = new ModelReader(problems);
  }

  @Override
  public Optional<List<Distillation>> read(Node node, String field) {
    return Section.of(node, field, KEYS, problems).flatMap(this::read);
  }

  private Optional<List<Distillation>> read(Section section) {
    var temperature =
        section.optional(
            "temperature", scalars.number(TEMPERATURE), Distillation.DEFAULT_TEMPERATURE);
    double fallback = temperature.orElse(Distillation.DEFAULT_TEMPERATURE);
    var pairs = section.required("pairs", (node, field) -> pairs(node, field, fallback));
    return temperature.isPresent() ? pairs : Optional.empty();
  }

  /** Every pair's distillations, each (teacher, student, temperature) in one pair only. */
  private Optional<List<Distillation>> pairs(Node node, String field, double temperature) {
    if (!(node instanceof SequenceNode list)
        || !node.getTag().equals(Tag.SEQ)
        || list.getValue().isEmpty()) {
      String got = Scalars.describe(node);
      String empty = node instanceof SequenceNode ? "an empty list" : got;
      problems.at(
          node, field, "must be a non-empty list of pairs of teacher and students; got " + empty);
      return Optional.empty();
    }
    List<Distillation> all = new ArrayList<>();
    Map<Distillation, String> firstPair = new HashMap<>();
    boolean complete = true;
    for (int i = 0; i < list.getValue().size(); i++) {
      Node pairNode = list.getValue().get(i);
      String pairField = field + "[" + i + "]";
      Optional<List<Distillation>> pair =
          Section.of(pairNode, pairField, PAIR_KEYS, problems).flatMap(s -> pair(s, temperature));
      complete &= pair.isPresent();
      for (Distillation distillation : pair.orElse(List.of())) {
        String earlier = firstPair.putIfAbsent(distillation, pairField);
        if (earlier != null) {
          String message = "repeats " + distillation.label() + " of " + earlier;
          problems.at(pairNode, pairField, message + "; distill each student from a teacher once");
          return Optional.empty();
        }
        all.add(distillation);
      }
    }
    return complete && isSmallEnough(all, node, field) ? Optional.of(all) : Optional.empty();
  }

  private Optional<List<Distillation>> pair(Section section, double fallback) {
    var temperature = section.optional("temperature", scalars.number(TEMPERATURE), fallback);
    var teachers = section.required("teacher", this::teachers);
    var grid = section.required("students", this::students);
    if (!NodeReader.allRead(temperature, teachers, grid)) {
      return Optional.empty();
    }
    long size = (long) teachers.get().size() * grid.get().size();
    if (size > ModelReader.MAX_MODELS) {
      section.problem("students", tooMany(size));
      return Optional.empty();
    }
    List<Distillation> pair = new ArrayList<>();
    for (ModelSpec teacher : teachers.get()) {
      for (ModelSpec student : grid.get()) {
        ModelSpec learner = student.withLabelNoise(teacher.labelNoise());
        pair.add(new Distillation(teacher, learner, temperature.get()));
      }
    }
    return Optional.of(pair);
  }

  /** A grid of students, or a list of grids, none giving label noise, which is the teacher's. */
  private Optional<List<ModelSpec>> students(Node node, String field) {
    List<Node> grids = node instanceof SequenceNode list ? list.getValue() : List.of(node);
    boolean noiseless = true;
    for (int i = 0; i < grids.size(); i++) {
      String gridField = node instanceof SequenceNode ? field + "[" + i + "]" : field;
      noiseless &= isNoiseless(grids.get(i), gridField);
    }
    Optional<List<ModelSpec>> grid = students.read(node, field);
    return noiseless ? grid : Optional.empty();
  }

  private boolean isNoiseless(Node grid, String field) {
    if (!(grid instanceof MappingNode mapping)) {
      return true;
    }
    for (NodeTuple entry : mapping.getValue()) {
      if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals("label_noise")) {
        problems.at(
            key,
            field + ".label_noise",
            "does not apply to students: a student learns its teacher's outputs and takes the"
                + " teacher's label noise; drop it");
        return false;
      }
    }
    return true;
  }

  /** The models a teacher filter matches; matching none is a mistake. */
  private Optional<List<ModelSpec>> teachers(Node node, String field) {
    Optional<Section> section = Section.of(node, field, ModelReader.FILTER_KEYS, problems);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Optional<ModelFilter> filter = filter(section.get());
    if (filter.isEmpty() || models.isEmpty()) {
      return Optional.empty();
    }
    List<ModelSpec> matching = models.get().stream().filter(filter.get()::matches).toList();
    if (matching.isEmpty()) {
      problems.at(
          node,
          field,
          "matches none of the "
              + models.get().size()
              + " models of the models section, which have "
              + filter.get().valuesIn(models.get())
              + "; a teacher must be one of them");
      return Optional.empty();
    }
    return Optional.of(matching);
  }

  private Optional<ModelFilter> filter(Section section) {
    Map<String, List<?>> values = new LinkedHashMap<>();
    boolean complete = true;
    for (String key : ModelReader.FILTER_KEYS) {
      if (section.has(key)) {
        Optional<List<?>> read = section.required(key, students.values(key));
        read.ifPresent(v -> values.put(key, v));
        complete &= read.isPresent();
      }
    }
    return complete ? Optional.of(new ModelFilter(values)) : Optional.empty();
  }

  private boolean isSmallEnough(List<Distillation> all, Node node, String field) {
    if (all.size() <= ModelReader.MAX_MODELS) {
      return true;
    }
    problems.at(node, field, tooMany(all.size()));
    return false;
  }

  private static String tooMany(long students) {
    return "spans %d students; an experiment may have at most %d, so shorten some lists or split"
            .formatted(students, ModelReader.MAX_MODELS)
        + " the spec";
  }
}
