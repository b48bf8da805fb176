package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.twice.worker.data.ImageSet;
import org.twice.worker.data.LoadedDataset;
import org.twice.worker.data.SampleData;

class DistillerTest {
  private static final LoadedDataset DATA = SampleData.small();

  @Test
  void sameSeedGivesBitIdenticalStudents() {
    ImageSet train = DATA.train().head(200);
    ComputationGraph teacher = teacher(train, train.labels());
    TrainConfig student = new TrainConfig(Architecture.MLP, 8, OptimizerKind.ADAM, 0.01, 2, 32, 4);

    float[] first = weights(Distiller.distill(student, teacher, 30, train, 10, f -> {}));
    float[] again = weights(Distiller.distill(student, teacher, 30, train, 10, f -> {}));
    float[] otherSeed =
        weights(
            Distiller.distill(TrainerTest.withSeed(student, 5), teacher, 30, train, 10, f -> {}));

    assertThat(again).containsExactly(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void augmentedCnnStudentWithSamIsBitIdentical() {
    ImageSet train = DATA.train().head(48);
    ComputationGraph teacher = teacher(train, train.labels());
    TrainConfig student =
        new TrainConfig(
            Architecture.CNN,
            2,
            OptimizerKind.SAM,
            0.01,
            1,
            16,
            3,
            Schedule.COSINE,
            Set.of(Augmentation.CROP, Augmentation.FLIP),
            0.05);

    float[] first = weights(Distiller.distill(student, teacher, 4, train, 10, f -> {}));
    float[] again = weights(Distiller.distill(student, teacher, 4, train, 10, f -> {}));

    assertThat(again).containsExactly(first);
  }

  @Test
  void studentLearnsTheTeachersOutputsNotTheLabels() {
    ImageSet train = DATA.train().head(64);
    int[] allZero = new int[64];
    ComputationGraph teacher = teacher(train, allZero);
    TrainConfig student = new TrainConfig(Architecture.MLP, 8, OptimizerKind.ADAM, 0.01, 10, 16, 2);

    ComputationGraph net = Distiller.distill(student, teacher, 2, train, 10, f -> {});

    assertThat(Evaluator.accuracy(teacher, train, allZero)).isEqualTo(1.0);
    assertThat(Evaluator.accuracy(net, train, allZero)).isEqualTo(1.0);
    assertThat(Evaluator.accuracy(net, train, train.labels())).isLessThan(0.5);
  }

  @Test
  void studentAgreesWithItsTeacherOnMostTestImages() {
    ComputationGraph teacher =
        Trainer.train(
            new TrainConfig(Architecture.MLP, 64, OptimizerKind.ADAM, 1e-3, 1, 32, 1),
            DATA.train(),
            DATA.train().labels(),
            10,
            f -> {});
    TrainConfig student = new TrainConfig(Architecture.MLP, 32, OptimizerKind.ADAM, 1e-3, 2, 32, 7);

    ComputationGraph net = Distiller.distill(student, teacher, 4, DATA.train(), 10, f -> {});

    int[] teacherPredictions = predictions(teacher, DATA.test());
    assertThat(Evaluator.accuracy(net, DATA.test(), teacherPredictions)).isGreaterThan(0.8);
  }

  @Test
  void studentIsStoredAsAPlainClassifierAndTheTeacherPredictsAsBefore() {
    ImageSet train = DATA.train().head(100);
    ComputationGraph teacher = teacher(train, train.labels());
    INDArray images = Evaluator.rows(DATA.test(), 0, 5);
    float[][] teacherBefore = teacher.outputSingle(images).toFloatMatrix();
    TrainConfig student = new TrainConfig(Architecture.CNN, 2, OptimizerKind.SGD, 0.01, 1, 32, 3);

    ComputationGraph net = Distiller.distill(student, teacher, 30, train, 10, f -> {});
    ComputationGraph restored = ModelCodec.fromBytes(ModelCodec.toBytes(net));

    BaseOutputLayer output = (BaseOutputLayer) restored.getOutputLayer(0).conf().getLayer();
    assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
    assertThat(restored.outputSingle(images).toFloatMatrix())
        .isDeepEqualTo(net.outputSingle(images).toFloatMatrix());
    assertThat(restored.outputSingle(images).sum(1).toFloatVector())
        .containsOnly(new float[] {1f}, within(1e-5f));
    assertThat(teacher.outputSingle(images).toFloatMatrix()).isDeepEqualTo(teacherBefore);
  }

  @Test
  void teacherOfOtherClassesIsRejected() {
    ImageSet train = DATA.train().head(32);
    ComputationGraph teacher = teacher(train, train.labels());
    TrainConfig student = new TrainConfig(Architecture.MLP, 4, OptimizerKind.ADAM, 0.01, 1, 16, 1);

    assertThatThrownBy(() -> Distiller.distill(student, teacher, 30, train, 12, f -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the teacher predicts 10 classes, the student is to learn 12");
  }

  static ComputationGraph teacher(ImageSet train, int[] labels) {
    TrainConfig config = new TrainConfig(Architecture.MLP, 16, OptimizerKind.ADAM, 0.01, 10, 16, 1);
    return Trainer.train(config, train, labels, 10, f -> {});
  }

  private static int[] predictions(ComputationGraph net, ImageSet images) {
    float[][] probabilities =
        net.outputSingle(Evaluator.rows(images, 0, images.count())).toFloatMatrix();
    int[] classes = new int[probabilities.length];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = Evaluator.argmax(probabilities[i]);
    }
    return classes;
  }

  private static float[] weights(ComputationGraph net) {
    return TrainerTest.weights(net);
  }
}
