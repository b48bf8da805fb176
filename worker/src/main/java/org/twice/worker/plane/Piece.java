package org.twice.worker.plane;

import java.util.ArrayList;
import java.util.List;

/** Grid rows from..to-1 of one plane, a part of one batch of points. */
record Piece(int plane, int from, int to) {
  int rows() {
    return to - from;
  }

  /**
   * Cuts the planes' grids, in order, into batches of at most {@code batchRows} points each, every
   * batch full but the last; a plane may span two or more batches, a batch several planes.
   */
  static List<List<Piece>> pack(List<Plane> planes, int batchRows) {
    List<List<Piece>> batches = new ArrayList<>();
    List<Piece> batch = new ArrayList<>();
    int room = batchRows;
    for (int p = 0; p < planes.size(); p++) {
      int rows = planes.get(p).resolution() * planes.get(p).resolution();
      for (int from = 0; from < rows; ) {
        int to = Math.min(rows, from + room);
        batch.add(new Piece(p, from, to));
        room -= to - from;
        from = to;
        if (room == 0) {
          batches.add(batch);
          batch = new ArrayList<>();
          room = batchRows;
        }
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }
}
