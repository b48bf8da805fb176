package org.twice.worker.nn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.twice.worker.nn.onednn.Dnnl;

/**
 * One convolution's oneDNN primitives for one input shape: the forward pass, the gradient with
 * respect to the weights and bias, and the gradient with respect to the input, all described with
 * {@code format_tag::any} so that oneDNN picks its fastest kernels and layouts, and planned for
 * training (the backward primitives take the forward one as their hint).
 *
 * <p>Arrays stay channels-first and contiguous on the caller's side. Where a kernel wants another
 * layout, the array is reordered into a buffer of this plan's and back; the buffers and the
 * reorders are made once, with the primitives, so a call allocates nothing. Arrays are handed to
 * oneDNN by address, so they must be contiguous in c order ({@link OneDnnConvHelper} sees to it).
 *
 * <p>Not thread-safe: one plan serves one layer, which runs on one thread at a time.
 */
final class OneDnnConv {
  private final boolean hasBias;
  private final convolution_forward forward;
  private final convolution_backward_weights weightGradient;
  private final convolution_backward_data inputGradient;
  private final Staged source;
  private final Staged weights;
  private final Staged bias;
  private final Staged output;
  private final Staged weightsSource;
  private final Staged weightsDiffDst;
  private final Staged diffWeights;
  private final Staged diffBias;
  private final Staged dataDiffDst;
  private final Staged dataWeights;
  private final Staged diffSource;
  private final IntMemoryMap forwardArgs = new IntMemoryMap();
  private final IntMemoryMap weightArgs = new IntMemoryMap();
  private final IntMemoryMap dataArgs = new IntMemoryMap();

  OneDnnConv(ConvGeometry g, boolean hasBias) {
    this.hasBias = hasBias;
    memory.desc anySource = Dnnl.any(g.inputShape());
    memory.desc anyWeights = Dnnl.any(g.weightShape());
    memory.desc anyOutput = Dnnl.any(g.outputShape());
    memory.desc biasDesc = Dnnl.plain(g.outChannels());
    long[] strides = g.strides();
    long[] padL = g.padBefore();
    long[] padR = g.padAfter();

    convolution_forward.primitive_desc forwardPd =
        new convolution_forward.primitive_desc(
            hasBias
                ? new convolution_forward.desc(
                    dnnl.prop_kind.forward_training,
                    dnnl.algorithm.convolution_direct,
                    anySource,
                    anyWeights,
                    biasDesc,
                    anyOutput,
                    strides,
                    padL,
                    padR)
                : new convolution_forward.desc(
                    dnnl.prop_kind.forward_training,
                    dnnl.algorithm.convolution_direct,
                    anySource,
                    anyWeights,
                    anyOutput,
                    strides,
                    padL,
                    padR),
            Dnnl.ENGINE);
    convolution_backward_weights.primitive_desc weightsPd =
        new convolution_backward_weights.primitive_desc(
            hasBias
                ? new convolution_backward_weights.desc(
                    dnnl.algorithm.convolution_direct,
                    anySource,
                    anyWeights,
                    biasDesc,
                    anyOutput,
                    strides,
                    padL,
                    padR)
                : new convolution_backward_weights.desc(
                    dnnl.algorithm.convolution_direct,
                    anySource,
                    anyWeights,
                    anyOutput,
                    strides,
                    padL,
                    padR),
            Dnnl.ENGINE,
            forwardPd);
    convolution_backward_data.primitive_desc dataPd =
        new convolution_backward_data.primitive_desc(
            new convolution_backward_data.desc(
                dnnl.algorithm.convolution_direct,
                anySource,
                anyWeights,
                anyOutput,
                strides,
                padL,
                padR),
            Dnnl.ENGINE,
            forwardPd);
    forward = new convolution_forward(forwardPd);
    weightGradient = new convolution_backward_weights(weightsPd);
    inputGradient = new convolution_backward_data(dataPd);

    memory.desc nchwIn = Dnnl.plain(g.inputShape());
    memory.desc nchwOut = Dnnl.plain(g.outputShape());
    memory.desc oihw = Dnnl.plain(g.weightShape());
    source = new Staged(nchwIn, forwardPd.src_desc());
    weights = new Staged(oihw, forwardPd.weights_desc());
    bias = new Staged(biasDesc, biasDesc);
    output = new Staged(nchwOut, forwardPd.dst_desc());
    weightsSource = new Staged(nchwIn, weightsPd.src_desc());
    weightsDiffDst = new Staged(nchwOut, weightsPd.diff_dst_desc());
    diffWeights = new Staged(oihw, weightsPd.diff_weights_desc());
    diffBias = new Staged(biasDesc, biasDesc);
    // Both gradients read the output's gradient; in one layout it is reordered once.
    dataDiffDst =
        dataPd.diff_dst_desc().equals(weightsPd.diff_dst_desc())
            ? weightsDiffDst
            : new Staged(nchwOut, dataPd.diff_dst_desc());
    dataWeights = new Staged(oihw, dataPd.weights_desc());
    diffSource = new Staged(nchwIn, dataPd.diff_src_desc());

    forwardArgs.put(dnnl.DNNL_ARG_SRC, source.inner);
    forwardArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights.inner);
    forwardArgs.put(dnnl.DNNL_ARG_DST, output.inner);
    weightArgs.put(dnnl.DNNL_ARG_SRC, weightsSource.inner);
    weightArgs.put(dnnl.DNNL_ARG_DIFF_DST, weightsDiffDst.inner);
    weightArgs.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, diffWeights.inner);
    if (hasBias) {
      forwardArgs.put(dnnl.DNNL_ARG_BIAS, bias.inner);
      weightArgs.put(dnnl.DNNL_ARG_DIFF_BIAS, diffBias.inner);
    }
    dataArgs.put(dnnl.DNNL_ARG_DIFF_DST, dataDiffDst.inner);
    dataArgs.put(dnnl.DNNL_ARG_WEIGHTS, dataWeights.inner);
    dataArgs.put(dnnl.DNNL_ARG_DIFF_SRC, diffSource.inner);
  }

  /** output = input * weights + bias; {@code bias} is null when the layer has none. */
  void forward(stream stream, INDArray input, INDArray w, INDArray b, INDArray out) {
    source.in(stream, input);
    weights.in(stream, w);
    if (hasBias) {
      bias.in(stream, b);
    }
    output.bind(out);
    forward.execute(stream, forwardArgs);
    output.out(stream);
    stream._wait();
  }

  /** The weights' and the bias's gradients from the pre-activations' gradient {@code delta}. */
  void weightGradients(
      stream stream, INDArray input, INDArray delta, INDArray dWeights, INDArray dBias) {
    weightsSource.in(stream, input);
    weightsDiffDst.in(stream, delta);
    diffWeights.bind(dWeights);
    if (hasBias) {
      diffBias.bind(dBias);
    }
    weightGradient.execute(stream, weightArgs);
    diffWeights.out(stream);
    stream._wait();
  }

  /**
   * The input's gradient from the pre-activations' gradient {@code delta}, after {@link
   * #weightGradients} with the same {@code delta}.
   */
  void inputGradient(stream stream, INDArray delta, INDArray w, INDArray dInput) {
    if (dataDiffDst != weightsDiffDst) {
      dataDiffDst.in(stream, delta);
    }
    dataWeights.in(stream, w);
    diffSource.bind(dInput);
    inputGradient.execute(stream, dataArgs);
    diffSource.out(stream);
    stream._wait();
  }

  /**
   * One argument of a primitive: the caller's array in its plain layout ({@code user}) and what the
   * primitive reads or writes ({@code inner}), the same memory when the layouts agree, otherwise a
   * buffer of the primitive's layout with the reorders between the two.
   */
  private final class Staged {
    final memory user;
    final memory inner;
    private final reorder toInner;
    private final reorder toUser;

    Staged(memory.desc plain, memory.desc wanted) {
      user = Dnnl.unbound(plain);
      if (plain.equals(wanted)) {
        inner = user;
        toInner = null;
        toUser = null;
      } else {
        inner = Dnnl.allocate(wanted);
        toInner = new reorder(user, inner);
        toUser = new reorder(inner, user);
      }
    }

    /** Points at the array and brings it into the primitive's layout. */
    void in(stream stream, INDArray array) {
      bind(array);
      if (toInner != null) {
        toInner.execute(stream, user, inner);
      }
    }

    void bind(INDArray array) {
      user.set_data_handle(DenseArrays.address(array));
    }

    /** Writes what the primitive produced back into the bound array. */
    void out(stream stream) {
      if (toUser != null) {
        toUser.execute(stream, inner, user);
      }
    }
  }
}
