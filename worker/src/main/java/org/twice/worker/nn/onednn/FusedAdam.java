package org.twice.worker.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;

import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.twice.worker.nn.DenseArrays;

/**
 * DL4J's Adam step as three oneDNN passes over a block of parameters, in place of libnd4j's {@code
 * adam_updater}, which takes two to five times as long on two cores (docs/performance.md). It keeps
 * the state of the updater it stands in for, in the same arrays and layout ([m, v] in the updater's
 * view), so a checkpoint or a saved model reads the same either way, and it computes what that op
 * computes:
 *
 * <pre>
 *   m = b1 m + (1 - b1) g
 *   v = b2 v + (1 - b2) g^2
 *   g = m * lr sqrt(1 - b2^t) / (1 - b1^t) / (sqrt(v) + eps),   t = iteration + 1
 * </pre>
 *
 * The first two passes are binary multiplications with a sum post-op; the third adds nothing to v
 * and takes the rest as post-ops, the step's learning-rate factor read from a one-value array that
 * changes each step, so no primitive is planned again. Arrays that are not dense floats go to the
 * updater it stands in for. Not thread-safe, as DL4J's updaters are not.
 */
public final class FusedAdam implements GradientUpdater<Adam> {
  private final AdamUpdater adam;
  private final long length;
  private final memory gradient;
  private final memory m;
  private final memory v;
  private final FloatPointer stepFactor;
  private final binary mean;
  private final binary variance;
  private final binary update;
  private final IntMemoryMap meanArgs;
  private final IntMemoryMap varianceArgs;
  private final IntMemoryMap updateArgs;

  private FusedAdam(AdamUpdater adam, long length) {
    this.adam = adam;
    this.length = length;
    Adam config = adam.getConfig();
    float beta1 = (float) config.getBeta1();
    float beta2 = (float) config.getBeta2();
    memory.desc block = Dnnl.plain(length);
    memory.desc scalar = Dnnl.plain(1);
    gradient = Dnnl.unbound(block);
    m = Dnnl.unbound(block);
    v = Dnnl.unbound(block);
    memory oneLessBeta1 = constant(1 - beta1);
    memory zero = constant(0);
    memory factor = Dnnl.allocate(scalar);
    stepFactor = new FloatPointer(factor.get_data_handle());

    post_ops meanOps = new post_ops();
    meanOps.append_sum(beta1, memory.data_type.undef);
    mean = primitive(algorithm.binary_mul, block, scalar, meanOps);
    meanArgs = Step.args(DNNL_ARG_SRC_0, gradient, DNNL_ARG_SRC_1, oneLessBeta1, DNNL_ARG_DST, m);

    post_ops varianceOps = new post_ops();
    varianceOps.append_eltwise(1f, algorithm.eltwise_linear, 1 - beta2, 0f);
    varianceOps.append_sum(beta2, memory.data_type.undef);
    variance = primitive(algorithm.binary_mul, block, block, varianceOps);
    varianceArgs = Step.args(DNNL_ARG_SRC_0, gradient, DNNL_ARG_SRC_1, gradient, DNNL_ARG_DST, v);

    post_ops updateOps = new post_ops();
    updateOps.append_eltwise(1f, algorithm.eltwise_sqrt, 0f, 0f);
    updateOps.append_eltwise(1f, algorithm.eltwise_linear, 1f, (float) config.getEpsilon());
    updateOps.append_eltwise(1f, algorithm.eltwise_pow, 1f, -1f);
    updateOps.append_binary(algorithm.binary_mul, block);
    updateOps.append_binary(algorithm.binary_mul, scalar);
    update = primitive(algorithm.binary_add, block, scalar, updateOps);
    updateArgs =
        Step.args(
            DNNL_ARG_SRC_0,
            v,
            DNNL_ARG_SRC_1,
            zero,
            postOpInput(3),
            m,
            postOpInput(4),
            factor,
            DNNL_ARG_DST,
            gradient);
  }

  /** Adam's updater fused where it can be, for a block of {@code length} parameters. */
  public static FusedAdam of(AdamUpdater adam, long length) {
    return new FusedAdam(adam, length);
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    INDArray m = adam.getM();
    INDArray v = adam.getV();
    if (!fusable(gradient) || !fusable(m) || !fusable(v)) {
      adam.applyUpdater(gradient, iteration, epoch);
      return;
    }

    Dnnl.bind(this.gradient, gradient);
    Dnnl.bind(this.m, m);
    Dnnl.bind(this.v, v);
    stepFactor.put(0, stepFactor(iteration, epoch));

    stream stream = Dnnl.stream();
    mean.execute(stream, meanArgs);
    variance.execute(stream, varianceArgs);
    update.execute(stream, updateArgs);
  }

  /**
   * The step's learning rate with both bias corrections, in single precision as libnd4j computes
   * it, falling back as it does to epsilon where that is not a usable number.
   */
  private float stepFactor(int iteration, int epoch) {
    Adam config = adam.getConfig();
    float t = iteration + 1;
    float beta1 = (float) config.getBeta1();
    float beta2 = (float) config.getBeta2();
    float beta1T = (float) Math.pow(beta1, t);
    float beta2T = (float) Math.pow(beta2, t);
    float lr = (float) config.getLearningRate(iteration, epoch);
    float factor = lr * (float) Math.sqrt(1 - beta2T) / (1 - beta1T);
    return Float.isFinite(factor) && factor != 0 ? factor : (float) config.getEpsilon();
  }

  private boolean fusable(INDArray array) {
    return array != null
        && array.dataType() == DataType.FLOAT
        && array.length() == length
        && DenseArrays.isDense(array);
  }

  @Override
  public Adam getConfig() {
    return adam.getConfig();
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    adam.setState(stateMap, initialize);
  }

  @Override
  public Map<String, INDArray> getState() {
    return adam.getState();
  }

  @Override
  public void setStateViewArray(
      INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    adam.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
  }

  private static binary primitive(
      algorithm algorithm, memory.desc src0, memory.desc src1, post_ops ops) {
    primitive_attr attributes = new primitive_attr();
    attributes.set_post_ops(ops);
    return new binary(
        new binary.primitive_desc(
            new binary.desc(algorithm, src0, src1, src0), attributes, Dnnl.ENGINE));
  }

  private static memory constant(float value) {
    memory constant = Dnnl.allocate(Dnnl.plain(1));
    new FloatPointer(constant.get_data_handle()).put(0, value);
    return constant;
  }

  /** The argument number of a binary post-op's second input. */
  private static int postOpInput(int index) {
    return DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE * (index + 1) | DNNL_ARG_SRC_1;
  }
}
