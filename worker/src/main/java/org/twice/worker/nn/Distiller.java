package org.twice.worker.nn;

import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.Shuffle;

/**
 * Trains a new network, the student, to match a trained one, the teacher: each minibatch, the
 * teacher's logits on the very images the student sees (augmented alike) are the targets of a
 * {@link DistillationLoss} at the given temperature. Epoch order, augmentation and initial weights
 * come from the config's seed exactly as in {@link Trainer}, so on a CPU the same config, teacher
 * and images give bit-identical weights, also when distillation stopped after an epoch and resumed
 * from the {@link TrainingState} it reached.
 *
 * <p>The student comes back as a plain classifier: its output layer ends in a softmax with
 * cross-entropy again, so it is stored, restored and mapped like any trained network. The same
 * holds for the network the listener hears of after each epoch, so a checkpoint taken from it
 * restores as a classifier too. The teacher is only read; it predicts as before once this returns.
 * Not thread-safe for one teacher.
 */
public final class Distiller {
  private Distiller() {}

  /**
   * Builds a student for the config and distills the teacher into it.
   *
   * @throws IllegalArgumentException for an empty training set, a bad temperature or a teacher of
   *     another number of classes
   * @throws RuntimeException whatever the listener throws, unchanged, which stops training
   */
  public static ComputationGraph distill(
      TrainConfig config,
      ComputationGraph teacher,
      double temperature,
      ImageSet train,
      int classes,
      TrainingListener listener) {
    checkInputs(teacher, train, classes);
    DistillationLoss loss = new DistillationLoss(temperature);
    long total = (long) Trainer.batchesPerEpoch(config, train.count()) * config.epochs();
    ComputationGraph student = Networks.build(config, Trainer.shape(train), classes, total);
    return run(config, teacher, loss, train, new TrainingState(student, 0), listener);
  }

  /**
   * Continues distilling from a student's state reached after some epochs with the same config,
   * teacher, temperature and images, with the epoch after them. The orders, augmentations and
   * learning rates of the epochs left are those of a run that never stopped, so on a CPU the
   * weights end bit-identical to it. The state's network is the plain classifier the listener was
   * given; it is trained further and returned.
   *
   * @throws IllegalArgumentException as {@link #distill} does, or if the state does not fit the
   *     config ({@link Trainer#checkResumable}) or the number of classes
   * @throws RuntimeException whatever the listener throws, unchanged, which stops training
   */
  public static ComputationGraph resume(
      TrainConfig config,
      ComputationGraph teacher,
      double temperature,
      ImageSet train,
      int classes,
      TrainingState from,
      TrainingListener listener) {
    checkInputs(teacher, train, classes);
    DistillationLoss loss = new DistillationLoss(temperature);
    if (classes(from.net()) != classes) {
      throw new IllegalArgumentException(
          "a student state of %d classes does not fit distilling %d"
              .formatted(classes(from.net()), classes));
    }
    Trainer.checkResumable(config, train.count(), from);
    return run(config, teacher, loss, train, from, listener);
  }

  private static void checkInputs(ComputationGraph teacher, ImageSet train, int classes) {
    if (train.count() == 0) {
      throw new IllegalArgumentException("cannot distill on an empty training set");
    }
    if (classes(teacher) != classes) {
      throw new IllegalArgumentException(
          "the teacher predicts %d classes, the student is to learn %d"
              .formatted(classes(teacher), classes));
    }
  }

  private static ComputationGraph run(
      TrainConfig config,
      ComputationGraph teacher,
      DistillationLoss loss,
      ImageSet train,
      TrainingState start,
      TrainingListener listener) {
    ComputationGraph student = start.net();
    if (config.optimizer() == OptimizerKind.SAM) {
      student.setListeners(new SharpnessAwareStep(config.samRho()));
    }
    StudentLoss studentLoss = new StudentLoss(outputLayer(student), loss);
    BaseOutputLayer teacherOutput = outputLayer(teacher);
    IActivation softmax = teacherOutput.getActivationFn();

    teacherOutput.setActivationFn(new ActivationIdentity());
    try {
      fit(config, student, teacher, train, start.epochs(), studentLoss, listener);
    } finally {
      studentLoss.plain();
      teacherOutput.setActivationFn(softmax);
    }
    return student;
  }

  private static void fit(
      TrainConfig config,
      ComputationGraph student,
      ComputationGraph teacher,
      ImageSet train,
      int firstEpoch,
      StudentLoss loss,
      TrainingListener listener) {
    int count = train.count();
    long perEpoch = Trainer.batchesPerEpoch(config, count);
    long total = perEpoch * config.epochs();
    Augmenter augmenter = new Augmenter(config.augmentations());
    // The one-hot labels these batches carry are never used: the teacher's logits replace them.
    Minibatches minibatches =
        new Minibatches(train, train.labels(), classes(teacher), config.batchSize());

    long done = perEpoch * firstEpoch;
    for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
      int[] order = Shuffle.indices(count, new Random(Trainer.epochSeed(config.seed(), epoch)));
      Random augmentation = new Random(Trainer.augmentationSeed(config.seed(), epoch));
      loss.distill();
      for (int from = 0; from < count; from += config.batchSize()) {
        int to = Math.min(count, from + config.batchSize());
        Minibatches.Buffers batch = minibatches.fill(order, from, to, augmenter, augmentation);
        INDArray logits = teacher.outputSingle(false, batch.features);
        student.fit(new INDArray[] {batch.features}, new INDArray[] {logits});
        listener.onProgress((double) ++done / total);
      }
      // A checkpoint stores the network's configuration too: it must restore as a classifier.
      loss.plain();
      listener.onEpoch(student, epoch + 1);
    }
  }

  private static int classes(ComputationGraph net) {
    return Math.toIntExact(outputLayer(net).getNOut());
  }

  /** The configuration of a network's one output layer, which its layer reads on every call. */
  private static BaseOutputLayer outputLayer(ComputationGraph net) {
    return (BaseOutputLayer) net.getOutputLayer(0).conf().getLayer();
  }

  /** Puts the distillation loss on the student's output layer, or its own cross-entropy back. */
  private static final class StudentLoss {
    private final BaseOutputLayer layer;
    private final ILossFunction plain;
    private final ILossFunction distillation;

    StudentLoss(BaseOutputLayer layer, ILossFunction distillation) {
      this.layer = layer;
      this.plain = layer.getLossFn();
      this.distillation = distillation;
    }

    void distill() {
      layer.setLossFn(distillation);
    }

    void plain() {
      layer.setLossFn(plain);
    }
  }
}
