package org.twice.scheduler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import org.twice.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twice export ID --to DIR}: writes an experiment's results as CSV and JSON, and every
 * decision-region picture as a PNG, one folder per model.
 */
@Command(
    name = "export",
    description = "Write an experiment's results (CSV, JSON) and pictures (PNG) to a directory.")
final class ExportCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "ID", description = "experiment id")
  long id;

  @Option(names = "--to", paramLabel = "DIR", required = true, description = "target directory")
  Path target;

  @Override
  public Integer call() throws IOException {
    prepare(target);
    try (Database database = db.open(2)) {
      Reports reports = new Reports(database.jdbi());
      reports.requireExperiment(id);
      Map<String, Table> tables = tables(reports);
      for (var table : tables.entrySet()) {
        Files.writeString(target.resolve(table.getKey() + ".csv"), table.getValue().csv());
      }
      Files.writeString(target.resolve("results.json"), Table.json(tables) + "\n");
      int pictures = writePictures(database.jdbi());
      System.out.println(
          "experiment %d exported to %s: %d tables, %d pictures"
              .formatted(id, target, tables.size(), pictures));
    }
    return 0;
  }

  private Map<String, Table> tables(Reports reports) {
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("models", reports.models(id));
    tables.put("model_scores", reports.modelScores(id));
    tables.put("reproducibility_matrix", reports.matrix(id));
    tables.put("reproducibility_pairs", reports.pairs(id));
    tables.put("teacher_agreement", reports.teacherAgreement(id));
    return tables;
  }

  private int writePictures(Jdbi jdbi) {
    List<Picture> pictures =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT mp.model_task_id, a.name, a.bytes
                        FROM artifacts a
                        JOIN experiment_tasks et ON et.task_id = a.task_id
                        JOIN (SELECT DISTINCT task_id, model_task_id FROM maps) mp
                          ON mp.task_id = a.task_id
                        WHERE et.experiment_id = :e AND a.content_type = 'image/png'
                        ORDER BY mp.model_task_id, a.name
                        """)
                    .bind("e", id)
                    .map((rs, ctx) -> new Picture(rs.getLong(1), rs.getString(2), rs.getBytes(3)))
                    .list());
    pictures.forEach(this::write);
    return pictures.size();
  }

  private void write(Picture picture) {
    try {
      Path folder = target.resolve("pictures").resolve("model-" + picture.model());
      Files.createDirectories(folder);
      Files.write(folder.resolve(picture.name()), picture.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a picture under " + target, e);
    }
  }

  private static void prepare(Path target) throws IOException {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new UsageException("--to " + target + " is a file; give a directory");
    }
    Files.createDirectories(target);
  }

  private record Picture(long model, String name, byte[] bytes) {}
}
