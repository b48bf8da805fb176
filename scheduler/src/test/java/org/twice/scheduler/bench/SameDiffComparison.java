package org.twice.scheduler.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;
import org.twice.worker.nn.ImageShape;
import org.twice.worker.nn.NativeBuild;
import org.twice.worker.nn.ReferenceNets;
import org.twice.worker.nn.SameDiffNotices;

/**
 * Trains one reference network as twice does (DL4J's layers, run by twice's training programs) and
 * written in SameDiff ({@link SameDiffNets}), timed as the bench times training, the two alternated
 * round by round in one JVM so that the machine's drift falls on both alike. Prints one JSON line
 * per round. Run by scripts/samediff-comparison.sh.
 */
final class SameDiffComparison {
  private static final long SEED = 0;

  private static final List<Network> NETWORKS =
      List.of(
          new Network(
              "mlp256",
              SameDiffNets::mlp256,
              () -> ReferenceNets.mlp256(SEED),
              ReferenceNets.GRAY_28,
              128,
              200),
          new Network(
              "cnn16",
              SameDiffNets::cnn16,
              () -> ReferenceNets.cnn16(SEED),
              ReferenceNets.GRAY_28,
              128,
              40),
          new Network(
              "resnet18k16",
              SameDiffNets::resnet18k16,
              () -> ReferenceNets.resnet18k16(SEED),
              ReferenceNets.COLOR_32,
              64,
              10));

  /** A reference network both ways, with the bench's batch size and least number of steps. */
  private record Network(
      String name,
      Supplier<SameDiff> sameDiff,
      Supplier<ComputationGraph> twice,
      ImageShape shape,
      int batch,
      int steps) {}

  private SameDiffComparison() {}

  public static void main(String[] args) {
    List<String> names = NETWORKS.stream().map(Network::name).toList();
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
    Network network = NETWORKS.get(names.indexOf(args[0]));

    SameDiff sameDiff = network.sameDiff().get();
    ComputationGraph twice = network.twice().get();
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
          network.name(),
          round,
          twiceRate,
          sameDiffRate,
          twiceRate / sameDiffRate);
    }
  }
}
