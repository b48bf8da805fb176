package org.twice.scheduler.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twice.scheduler.spec.DatasetSpec;
import org.twice.scheduler.spec.ModelSpec;
import org.twice.scheduler.spec.PlaneSpec;
import org.twice.scheduler.spec.Spec;
import org.twice.store.NewExperiment;
import org.twice.store.NewTask;
import org.twice.store.TaskKind;
import org.twice.worker.data.DatasetFingerprint;
import org.twice.worker.tasks.DataRef;
import org.twice.worker.tasks.Json;
import org.twice.worker.tasks.PlaneParams;
import org.twice.worker.tasks.ScoreParams;
import org.twice.worker.tasks.ScoreParams.ScoredModel;
import org.twice.worker.tasks.TrainParams;

/**
 * Expands a validated spec into its task graph: a train task per grid point, a plane task per model
 * over the experiment's shared triplets, and a score task over all planes.
 */
public final class Planner {
  /** Bootstrap resamples for the 95% intervals of reproducibility scores. */
  static final int RESAMPLES = 1000;

  private Planner() {}

  public static Plan plan(Spec spec) {
    DataRef data = dataRef(spec.dataset());
    List<List<Integer>> triplets = Triplets.sample(spec);
    List<NewTask> trains = new ArrayList<>();
    List<NewTask> planes = new ArrayList<>();
    List<ScoredModel> scored = new ArrayList<>();
    for (ModelSpec model : spec.models()) {
      NewTask train = train(spec, data, model);
      NewTask plane = plane(spec, data, model, train.key(), triplets);
      trains.add(train);
      planes.add(plane);
      scored.add(new ScoredModel(train.key(), plane.key(), model.group(spec.groupBy())));
    }
    List<NewTask> tasks = new ArrayList<>(trains);
    tasks.addAll(planes);
    if (spec.scores().contains("reproducibility") && scored.size() >= 2) {
      tasks.add(score(spec, scored, planes));
    }
    return new Plan(experiment(spec, data, triplets), tasks);
  }

  private static NewTask train(Spec spec, DataRef data, ModelSpec model) {
    TrainParams params =
        new TrainParams(
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
    String key = TaskKey.of(TaskKind.TRAIN, Json.write(params.withoutDirectory()), List.of());
    return new NewTask(
        key, TaskKind.TRAIN, model.label(), Json.write(params), spec.maxAttempts(), List.of());
  }

  private static NewTask plane(
      Spec spec, DataRef data, ModelSpec model, String trainKey, List<List<Integer>> triplets) {
    PlaneSpec planes = spec.planes();
    PlaneParams params =
        new PlaneParams(
            data,
            trainKey,
            Triplets.split(planes),
            triplets,
            planes.mode().equals("off_manifold"),
            planes.seed(),
            model.labelNoise(),
            planes.resolution(),
            planes.rangeLow(),
            planes.rangeHigh(),
            planes.pictures());
    List<String> inputs = List.of(trainKey);
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
