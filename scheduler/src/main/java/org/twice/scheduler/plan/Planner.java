package org.twice.scheduler.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twice.scheduler.spec.DatasetSpec;
import org.twice.scheduler.spec.Distillation;
import org.twice.scheduler.spec.ModelSpec;
import org.twice.scheduler.spec.PlaneSpec;
import org.twice.scheduler.spec.Spec;
import org.twice.store.NewExperiment;
import org.twice.store.NewTask;
import org.twice.store.TaskKind;
import org.twice.worker.data.DatasetFingerprint;
import org.twice.worker.tasks.DataRef;
import org.twice.worker.tasks.DistillParams;
import org.twice.worker.tasks.Json;
import org.twice.worker.tasks.PlaneParams;
import org.twice.worker.tasks.ScoreParams;
import org.twice.worker.tasks.ScoreParams.ScoredModel;
import org.twice.worker.tasks.TrainParams;

/**
 * Expands a validated spec into its task graph: a train task per grid point, a distill task per
 * student that reads its teacher's train task, a plane task per model and per student over the
 * experiment's shared triplets, and a score task over all planes.
 */
public final class Planner {
  /** Bootstrap resamples for the 95% intervals of reproducibility scores. */
  static final int RESAMPLES = 1000;

  private Planner() {}

  public static Plan plan(Spec spec) {
    DataRef data = dataRef(spec.dataset());
    List<List<Integer>> triplets = Triplets.sample(spec);
    List<NewTask> trains = new ArrayList<>();
    List<NewTask> distills = new ArrayList<>();
    List<NewTask> planes = new ArrayList<>();
    List<ScoredModel> scored = new ArrayList<>();
    Map<ModelSpec, String> trainKeys = new HashMap<>();
    for (ModelSpec model : spec.models()) {
      NewTask train = train(spec, data, model);
      NewTask plane = plane(spec, data, train, model.labelNoise(), triplets);
      trains.add(train);
      planes.add(plane);
      trainKeys.put(model, train.key());
      scored.add(new ScoredModel(train.key(), plane.key(), model.group(spec.groupBy())));
    }
    for (Distillation distillation : spec.distillations()) {
      String teacher = trainKeys.get(distillation.teacher());
      NewTask distill = distill(spec, data, distillation, teacher);
      double noise = distillation.student().labelNoise();
      NewTask plane = plane(spec, data, distill, noise, triplets);
      distills.add(distill);
      planes.add(plane);
      scored.add(new ScoredModel(distill.key(), plane.key(), distillation.group(spec.groupBy())));
    }
    List<NewTask> tasks = new ArrayList<>(trains);
    tasks.addAll(distills);
    tasks.addAll(planes);
    if (spec.scores().contains("reproducibility") && scored.size() >= 2) {
      tasks.add(score(spec, scored, planes));
    }
    return new Plan(experiment(spec, data, triplets), tasks);
  }

  private static NewTask train(Spec spec, DataRef data, ModelSpec model) {
    TrainParams params = trainParams(data, model);
    String key = TaskKey.of(TaskKind.TRAIN, Json.write(params.withoutDirectory()), List.of());
    return new NewTask(
        key, TaskKind.TRAIN, model.label(), Json.write(params), spec.maxAttempts(), List.of());
  }

  private static NewTask distill(
      Spec spec, DataRef data, Distillation distillation, String teacherKey) {
    TrainParams student = trainParams(data, distillation.student());
    DistillParams params = new DistillParams(student, teacherKey, distillation.temperature());
    List<String> inputs = List.of(teacherKey);
    String key = TaskKey.of(TaskKind.DISTILL, Json.write(params.withoutDirectory()), inputs);
    return new NewTask(
        key,
        TaskKind.DISTILL,
        distillation.label(),
        Json.write(params),
        spec.maxAttempts(),
        inputs);
  }

  private static TrainParams trainParams(DataRef data, ModelSpec model) {
    return new TrainParams(
        data,
        model.architecture().specName(),
        model.width(),
        model.optimizer().specName(),
        model.learningRate(),
        model.epochs(),
        model.batchSize(),
        model.seed(),
        model.labelNoise(),
        model.schedule().specName(),
        TrainParams.words(model.augmentations()),
        model.samRho());
  }

  /** The plane task of the model a train or distill task makes, trained with the given noise. */
  private static NewTask plane(
      Spec spec, DataRef data, NewTask model, double labelNoise, List<List<Integer>> triplets) {
    PlaneSpec planes = spec.planes();
    PlaneParams params =
        new PlaneParams(
            data,
            model.key(),
            Triplets.split(planes),
            triplets,
            planes.mode().equals("off_manifold"),
            planes.seed(),
            labelNoise,
            planes.resolution(),
            planes.rangeLow(),
            planes.rangeHigh(),
            planes.pictures());
    List<String> inputs = List.of(model.key());
    String key = TaskKey.of(TaskKind.PLANE, Json.write(params.withoutDirectory()), inputs);
    return new NewTask(
        key, TaskKind.PLANE, model.label(), Json.write(params), spec.maxAttempts(), inputs);
  }

  private static NewTask score(Spec spec, List<ScoredModel> models, List<NewTask> planes) {
    String groupBy = String.join(" ", spec.groupBy());
    ScoreParams params = new ScoreParams(models, groupBy, RESAMPLES, spec.planes().seed());
    List<String> inputs = planes.stream().map(NewTask::key).toList();
    String json = Json.write(params);
    String key = TaskKey.of(TaskKind.SCORE, json, inputs);
    String label = "reproducibility by " + groupBy;
    return new NewTask(key, TaskKind.SCORE, label, json, spec.maxAttempts(), inputs);
  }

  private static DataRef dataRef(DatasetSpec dataset) {
    String fingerprint = DatasetFingerprint.of(dataset.kind(), dataset.directory());
    return new DataRef(
        dataset.kind().specName(),
        dataset.directory().toString(),
        dataset.trainSize(),
        dataset.testSize(),
        fingerprint,
        dataset.noiseSeed());
  }

  private static NewExperiment experiment(Spec spec, DataRef data, List<List<Integer>> triplets) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("dataset", data);
    settings.put("groupBy", spec.groupBy());
    settings.put("models", spec.models().size());
    settings.put("distillations", spec.distillations().size());
    settings.put("planes", spec.planes());
    settings.put("triplets", triplets);
    settings.put("scores", spec.scores());
    settings.put("maxAttempts", spec.maxAttempts());
    return new NewExperiment(spec.name(), spec.file().toString(), read(spec), Json.write(settings));
  }

  private static String read(Spec spec) {
    try {
      return Files.readString(spec.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + spec.file(), e);
    }
  }
}
