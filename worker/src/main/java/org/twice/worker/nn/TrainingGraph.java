package org.twice.worker.nn;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twice.worker.nn.onednn.FusedAdam;
import org.twice.worker.nn.onednn.TrainingProgram;
import org.twice.worker.nn.onednn.UnsupportedNetworkException;

/**
 * A computation graph whose training steps run as a {@link TrainingProgram} where the network
 * allows: DL4J's fit, updater, listeners and serialisation stay as they are, and only the gradient
 * and score of each step come from the program (a program per batch size, planned on first use).
 * Networks a program cannot run (transformers, masks, the CUDA backend) train through DL4J's own
 * layers, as does every network when the system property {@code twice.programs} is {@code false}.
 * On the CPU, and unless that property is {@code false}, the updater's Adam steps run as {@link
 * FusedAdam}s, whichever way the gradients were computed.
 *
 * <p>Listeners are told of the forward pass without the activations, which the program keeps in its
 * own layouts. Not thread-safe, as DL4J's graph is not.
 */
public final class TrainingGraph extends ComputationGraph {
  static final String PROPERTY = "twice.programs";

  /**
   * Programs kept, one per batch size: a trainer needs two (full batches and the last one), and
   * each holds its activations, so a fifth size drops the others rather than piling them up.
   */
  private static final int PROGRAMS_KEPT = 4;

  private static final Logger LOG = LoggerFactory.getLogger(TrainingGraph.class);

  private final transient Map<Long, TrainingProgram> programs = new HashMap<>();
  private transient String refusal;
  private transient INDArray[] stepLabels;
  private transient boolean masked;
  private transient ComputationGraphUpdater fusedUpdater;

  public TrainingGraph(ComputationGraphConfiguration configuration) {
    super(configuration);
  }

  /**
   * A training graph with the network's configuration, sharing its parameters and taking a copy of
   * its updater's state, if it has one.
   */
  static TrainingGraph of(ComputationGraph net) {
    TrainingGraph graph = new TrainingGraph(net.getConfiguration());
    graph.init(net.params(), false);
    if (net.getUpdater(false) != null && net.getUpdater().getStateViewArray() != null) {
      graph.getUpdater().setStateViewArray(net.getUpdater().getStateViewArray());
    }
    return graph;
  }

  /** Whether the training steps of this graph run as a program; planned on the first step. */
  boolean runsProgram() {
    return !programs.isEmpty();
  }

  /** Why the training steps run through DL4J's layers, once a step has found out; else null. */
  String refusal() {
    return refusal;
  }

  @Override
  public void setLabels(INDArray... labels) {
    super.setLabels(labels);
    stepLabels = labels;
  }

  @Override
  public void setLayerMaskArrays(INDArray[] featureMasks, INDArray[] labelMasks) {
    super.setLayerMaskArrays(featureMasks, labelMasks);
    masked = featureMasks != null || labelMasks != null;
  }

  @Override
  public void computeGradientAndScore() {
    fuseAdam();
    TrainingProgram program = program();
    if (program == null) {
      super.computeGradientAndScore();
      return;
    }
    synchronizeIterEpochCounts();
    try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      double loss = program.run(getInputs()[0], stepLabels[0]);
      score = loss + calcRegularizationScore(true);
      gradient = program.gradient();
      for (TrainingListener listener : getListeners()) {
        listener.onForwardPass(this, Map.of());
        listener.onBackwardPass(this);
      }
    }
  }

  /**
   * Puts a {@link FusedAdam} in place of each of the updater's Adam blocks, once for each updater
   * the graph is given; it keeps the block's state where it was.
   */
  private void fuseAdam() {
    if (!switchedOn() || !Nd4j.getEnvironment().isCPU()) {
      return;
    }
    ComputationGraphUpdater updater = getUpdater(true);
    if (updater == fusedUpdater) {
      return;
    }
    for (UpdaterBlock block : updater.getUpdaterBlocks()) {
      if (block.getGradientUpdater().getClass() == AdamUpdater.class) {
        long length = block.getParamOffsetEnd() - block.getParamOffsetStart();
        block.setGradientUpdater(FusedAdam.of((AdamUpdater) block.getGradientUpdater(), length));
      }
    }
    fusedUpdater = updater;
  }

  private static boolean switchedOn() {
    return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
  }

  private TrainingProgram program() {
    if (refusal != null || masked || stepLabels == null || getInputs() == null) {
      return null;
    }
    if (!switchedOn()) {
      refusal = "any network: " + PROPERTY + " is false";
      return null;
    }
    if (!Nd4j.getEnvironment().isCPU()) {
      refusal = "anything but on the CPU backend";
      return null;
    }
    long batch = getInputs()[0].size(0);
    TrainingProgram program = programs.get(batch);
    if (program != null) {
      return program;
    }
    try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      if (getFlattenedGradients() == null) {
        initGradientsView();
      }
      program = TrainingProgram.plan(this, batch);
    } catch (UnsupportedNetworkException e) {
      refusal = e.getMessage();
      LOG.debug("network trains through DL4J's layers: a program cannot run {}", refusal);
      return null;
    }
    if (programs.size() >= PROGRAMS_KEPT) {
      programs.clear();
    }
    programs.put(batch, program);
    return program;
  }
}
