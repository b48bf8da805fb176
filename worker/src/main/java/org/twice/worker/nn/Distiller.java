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
 * and images give bit-identical weights.
 *
 * <p>The student comes back as a plain classifier: its output layer ends in a softmax with
 * cross-entropy again, so it is stored, restored and mapped like any trained network. The teacher
 * is only read; it predicts as before once this returns. Not thread-safe for one teacher.
 */
public final class Distiller {
  private Distiller() {}

  /**
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
    if (train.count() == 0) {
      throw new IllegalArgumentException("cannot distill on an empty training set");
    }
    if (classes(teacher) != classes) {
      throw new IllegalArgumentException(
          "the teacher predicts %d classes, the student is to learn %d"
              .formatted(classes(teacher), classes));
    }
    DistillationLoss loss = new DistillationLoss(temperature);
    int count = train.count();
    int perEpoch = (count + config.batchSize() - 1) / config.batchSize();
    long total = (long) perEpoch * config.epochs();
    ComputationGraph student = Networks.build(config, Trainer.shape(train), classes, total);
    if (config.optimizer() == OptimizerKind.SAM) {
      student.setListeners(new SharpnessAwareStep(config.samRho()));
    }

    BaseOutputLayer studentOutput = outputLayer(student);
    BaseOutputLayer teacherOutput = outputLayer(teacher);
    ILossFunction crossEntropy = studentOutput.getLossFn();
    IActivation softmax = teacherOutput.getActivationFn();
    studentOutput.setLossFn(loss);
    teacherOutput.setActivationFn(new ActivationIdentity());
    try {
      fit(config, student, teacher, train, total, listener);
    } finally {
      studentOutput.setLossFn(crossEntropy);
      teacherOutput.setActivationFn(softmax);
    }
    return student;
  }

  private static void fit(
      TrainConfig config,
      ComputationGraph student,
      ComputationGraph teacher,
      ImageSet train,
      long total,
      TrainingListener listener) {
    int count = train.count();
    Augmenter augmenter = new Augmenter(config.augmentations());
    // The one-hot labels these batches carry are never used: the teacher's logits replace them.
    Minibatches minibatches =
        new Minibatches(train, train.labels(), classes(teacher), config.batchSize());
    long done = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      int[] order = Shuffle.indices(count, new Random(Trainer.epochSeed(config.seed(), epoch)));
      Random augmentation = new Random(Trainer.augmentationSeed(config.seed(), epoch));
      for (int from = 0; from < count; from += config.batchSize()) {
        int to = Math.min(count, from + config.batchSize());
        Minibatches.Buffers batch = minibatches.fill(order, from, to, augmenter, augmentation);
        INDArray logits = teacher.outputSingle(false, batch.features);
        student.fit(new INDArray[] {batch.features}, new INDArray[] {logits});
        listener.onProgress((double) ++done / total);
      }
    }
  }

  private static int classes(ComputationGraph net) {
    return Math.toIntExact(outputLayer(net).getNOut());
  }

  /** The configuration of a network's one output layer, which its layer reads on every call. */
  private static BaseOutputLayer outputLayer(ComputationGraph net) {
    return (BaseOutputLayer) net.getOutputLayer(0).conf().getLayer();
  }
}
