package org.twice.scheduler.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;
import org.twice.worker.nn.NativeBuild;
import org.twice.worker.nn.SameDiffNotices;

/**
 * Trains one of the bench's training workloads ({@link Workloads#TRAINING}) as twice does (DL4J's
 * layers, run by twice's training programs) and written in SameDiff ({@link SameDiffNets}), timed
 * as the bench times training, the two alternated round by round in one JVM so that the machine's
 * drift falls on both alike. Prints one JSON line per round. Run by scripts/samediff-comparison.sh.
 */
final class SameDiffComparison {
  /** The bench's training workloads in SameDiff, by network. */
  private static final Map<String, Supplier<SameDiff>> SAME_DIFF =
      Map.of(
          "mlp256", SameDiffNets::mlp256,
          "cnn16", SameDiffNets::cnn16,
          "resnet18k16", SameDiffNets::resnet18k16);

  private SameDiffComparison() {}

  public static void main(String[] args) {
    List<String> names = Workloads.TRAINING.stream().map(Workloads.Training::network).toList();
    if (args.length < 1
        || args.length > 2
        || !names.contains(args[0])
        || (args.length == 2 && !args[1].matches("[1-9][0-9]{0,3}"))) {
      System.err.println(
          "usage: SameDiffComparison NETWORK [ROUNDS]; NETWORK is one of "
              + names
              + ", ROUNDS a whole number from 1 to 9999 (default 3)");
      System.exit(2);
    }
    int rounds = args.length == 2 ? Integer.parseInt(args[1]) : 3;
    NativeBuild.select();
    SameDiffNotices.silence();
    Workloads.Training network = Workloads.TRAINING.get(names.indexOf(args[0]));

    SameDiff sameDiff = SAME_DIFF.get(network.network()).get();
    ComputationGraph twice = network.net().get();
    for (int round = 0; round < rounds; round++) {
      double sameDiffRate =
          NetworkBench.trainRate(
              (features, labels) -> sameDiff.fit(new DataSet(features, labels)),
              network.shape(),
              network.batch(),
              network.steps());
      double twiceRate =
          NetworkBench.trainRate(twice, network.shape(), network.batch(), network.steps());
      System.out.printf(
          Locale.ROOT,
          "{\"workload\": \"train/%s\", \"unit\": \"img/s\", \"round\": %d, \"twice\": %.1f,"
              + " \"samediff\": %.1f, \"ratio\": %.2f}%n",
          network.network(),
          round,
          twiceRate,
          sameDiffRate,
          twiceRate / sameDiffRate);
    }
  }
}
