package org.twice.scheduler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.twice.worker.data.DatasetKind;

/** The views the dashboards read, over a finished experiment. */
class DashboardViewsTest {
  private static final Pattern RECT =
      Pattern.compile(
          "<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"1\""
              + " height=\"(\\d+)\" fill=\"(#[0-9a-f]{6})\"/>");

  @Test
  void datasetClassesNameTheClassesAsTheDatasetsDo() {
    for (DatasetKind kind : DatasetKind.values()) {
      List<String> names =
          FinishedExperiment.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT name FROM dataset_classes WHERE dataset = :d ORDER BY class")
                          .bind("d", kind.specName())
                          .mapTo(String.class)
                          .list());

      assertThat(names).as(kind.specName()).isEqualTo(kind.classNames());
    }
  }

  @Test
  void aMapPictureColoursEveryGridPointInTheColourOfItsClass() throws Exception {
    long experiment = FinishedExperiment.id();
    Map<String, Object> map =
        FinishedExperiment.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT d.resolution, d.classes, p.picture FROM decision_maps d"
                                + " JOIN map_pictures p USING (experiment_id, plane_task_id,"
                                + " triplet) WHERE d.experiment_id = :e"
                                + " ORDER BY d.plane_task_id, d.triplet LIMIT 1")
                        .bind("e", experiment)
                        .mapToMap()
                        .one());
    int resolution = (Integer) map.get("resolution");
    byte[] classes = (byte[]) map.get("classes");

    String[][] painted = paint(svg((String) map.get("picture")), resolution);

    Map<Integer, String> colours = colours();
    for (int i = 0; i < resolution; i++) {
      for (int j = 0; j < resolution; j++) {
        assertThat(painted[i][j])
            .as("point %d,%d", i, j)
            .isEqualTo(colours.get((int) classes[i * resolution + j]));
      }
    }
  }

  private static String svg(String dataUri) {
    String prefix = "data:image/svg+xml;base64,";
    assertThat(dataUri).startsWith(prefix);
    byte[] svg = Base64.getDecoder().decode(dataUri.substring(prefix.length()));
    return new String(svg, StandardCharsets.UTF_8);
  }

  /** The colour of each grid point (i, j) as the picture's rectangles draw it, y growing down. */
  private static String[][] paint(String svg, int resolution) {
    String[][] painted = new String[resolution][resolution];
    Matcher rect = RECT.matcher(svg);
    while (rect.find()) {
      int i = Integer.parseInt(rect.group(1));
      int top = Integer.parseInt(rect.group(2));
      int height = Integer.parseInt(rect.group(3));
      for (int y = top; y < top + height; y++) {
        int j = resolution - 1 - y;
        assertThat(painted[i][j]).as("point %d,%d drawn once", i, j).isNull();
        painted[i][j] = rect.group(4);
      }
    }
    assertThat(Arrays.stream(painted).flatMap(Arrays::stream)).doesNotContainNull();
    return painted;
  }

  private static Map<Integer, String> colours() {
    Map<Integer, String> colours = new HashMap<>();
    FinishedExperiment.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT class, colour FROM dataset_classes WHERE dataset = 'fashion-mnist'")
                    .mapToMap()
                    .forEach(r -> colours.put((Integer) r.get("class"), (String) r.get("colour"))));
    return colours;
  }
}
