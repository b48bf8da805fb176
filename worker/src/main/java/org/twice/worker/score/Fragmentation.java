package org.twice.worker.score;

/**
 * Counts the regions of a decision-region map: for each class, its connected sets of grid points
 * with 8-neighbour connectivity, summed over classes. A smooth map of k classes has about k
 * regions; a fragmented one has many more.
 */
public final class Fragmentation {
  private Fragmentation() {}

  /** The number of connected regions in a square map of side {@code resolution}. */
  public static int regions(byte[] map, int resolution) {
    if (map.length != resolution * resolution) {
      throw new IllegalArgumentException(
          "a map of %d points is not %d x %d".formatted(map.length, resolution, resolution));
    }
    boolean[] seen = new boolean[map.length];
    int[] stack = new int[map.length];
    int regions = 0;
    for (int start = 0; start < map.length; start++) {
      if (!seen[start]) {
        regions++;
        flood(map, resolution, seen, stack, start);
      }
    }
    return regions;
  }

  /** Marks every point connected to {@code start} through points of its class. */
  private static void flood(byte[] map, int resolution, boolean[] seen, int[] stack, int start) {
    byte label = map[start];
    int top = 0;
    stack[top++] = start;
    seen[start] = true;
    while (top > 0) {
      int point = stack[--top];
      int row = point / resolution;
      int column = point % resolution;
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
          int r = row + dr;
          int c = column + dc;
          if (r < 0 || c < 0 || r >= resolution || c >= resolution) {
            continue;
          }
          int next = r * resolution + c;
          if (!seen[next] && map[next] == label) {
            seen[next] = true;
            stack[top++] = next;
          }
        }
      }
    }
  }
}
