package org.twice.scheduler.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.twice.worker.tasks.Json;

/** Rows with named columns, printed as an aligned text table, CSV or JSON. */
record Table(String title, List<String> columns, List<List<Object>> rows) {

  String text() {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      for (List<Object> row : rows) {
        widths[c] = Math.max(widths[c], cell(row.get(c)).length());
      }
    }
    StringBuilder out = new StringBuilder(title).append('\n');
    appendLine(out, new ArrayList<>(columns), widths);
    for (List<Object> row : rows) {
      appendLine(out, row, widths);
    }
    return out.toString();
  }

  String csv() {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
    for (List<Object> row : rows) {
      out.append(row.stream().map(v -> csvCell(cell(v))).collect(Collectors.joining(",")));
      out.append('\n');
    }
    return out.toString();
  }

  List<Map<String, Object>> records() {
    List<Map<String, Object>> records = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> record = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        record.put(columns.get(c), row.get(c));
      }
      records.add(record);
    }
    return records;
  }

  static String json(Map<String, Table> tables) {
    Map<String, Object> out = new LinkedHashMap<>();
    tables.forEach((name, table) -> out.put(name, table.records()));
    return Json.write(out);
  }

  private static void appendLine(StringBuilder out, List<Object> row, int[] widths) {
    for (int c = 0; c < row.size(); c++) {
      String value = cell(row.get(c));
      boolean number = row.get(c) instanceof Number;
      String padded =
          number
              ? " ".repeat(widths[c] - value.length()) + value
              : value + " ".repeat(widths[c] - value.length());
      out.append(c == 0 ? "  " : "  ").append(padded);
    }
    out.append('\n');
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return String.format("%.4f", d);
    }
    if (value instanceof BigDecimal d && d.scale() > 4) {
      return String.format("%.4f", d);
    }
    return value.toString();
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
