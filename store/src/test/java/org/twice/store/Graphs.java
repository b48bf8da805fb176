package org.twice.store;

import java.util.List;

/** Small task graphs for tests. */
public final class Graphs {
  private Graphs() {}

  public static NewTask task(String key, TaskKind kind, String... inputs) {
    return new NewTask(key, kind, key, "{}", 3, List.of(inputs));
  }

  public static NewExperiment experiment(String name) {
    return new NewExperiment(name, name + ".yaml", "name: " + name, "{}");
  }

  /** Claims the task with the given key, handing back any other task claimed on the way. */
  public static Lease claim(TaskStore store, String key) {
    List<TaskKind> all = List.of(TaskKind.values());
    for (int i = 0; i < 20; i++) {
      Lease lease = store.claim("w1", all).orElseThrow();
      if (lease.key().equals(key)) {
        return lease;
      }
      store.release(lease);
    }
    throw new AssertionError("could not claim " + key);
  }

  /** train a, train b -> plane pa, plane pb -> score s. */
  public static List<NewTask> diamond() {
    return List.of(
        task("a", TaskKind.TRAIN),
        task("b", TaskKind.TRAIN),
        task("pa", TaskKind.PLANE, "a"),
        task("pb", TaskKind.PLANE, "b"),
        task("s", TaskKind.SCORE, "pa", "pb"));
  }
}
