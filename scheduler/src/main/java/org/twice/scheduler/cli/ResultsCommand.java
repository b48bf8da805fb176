package org.twice.scheduler.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twice results ID}: accuracy of every model and the reproducibility scores. */
@Command(
    name = "results",
    description = "Print an experiment's models, accuracies and reproducibility scores.")
final class ResultsCommand implements Callable<Integer> {
  enum Format {
    table,
    csv,
    json
  }

  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "experiment id (default: latest)")
  Long id;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() {
    try (Database database = db.open(2)) {
      long experiment = ExperimentId.resolve(id, database, new Services(database).experiments());
      System.out.print(render(new Reports(database.jdbi()), experiment, format));
    }
    return 0;
  }

  static String render(Reports reports, long experiment, Format format) {
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("models", reports.models(experiment));
    tables.put("model_scores", reports.modelScores(experiment));
    tables.put("reproducibility_matrix", reports.matrix(experiment));
    tables.put("reproducibility_pairs", reports.pairs(experiment));
    Table students = reports.teacherAgreement(experiment);
    if (!students.rows().isEmpty()) {
      tables.put("teacher_agreement", students);
      tables.put("teacher_agreement_summary", reports.teacherAgreementSummary(experiment));
    }
    return switch (format) {
      case json -> Table.json(tables) + "\n";
      case csv -> csv(tables);
      case table -> text(tables);
    };
  }

  private static String text(Map<String, Table> tables) {
    StringBuilder out = new StringBuilder();
    tables.values().forEach(t -> out.append(t.text()).append('\n'));
    return out.toString();
  }

  private static String csv(Map<String, Table> tables) {
    StringBuilder out = new StringBuilder();
    tables.forEach((name, t) -> out.append("# ").append(name).append('\n').append(t.csv()));
    return out.toString();
  }
}
