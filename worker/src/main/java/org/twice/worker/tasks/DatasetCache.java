package org.twice.worker.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.twice.worker.data.DatasetException;
import org.twice.worker.data.DatasetFingerprint;
import org.twice.worker.data.DatasetLoader;
import org.twice.worker.data.LoadedDataset;

/**
 * Datasets this worker has read, kept for the next task that reads the same files. Each is checked
 * once against the fingerprint it was planned with, so a worker never trains on other data than the
 * spec named. Thread-safe.
 */
public final class DatasetCache {
  private static final int KEEP = 2;

  private final Map<DataRef, LoadedDataset> loaded =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DataRef, LoadedDataset> eldest) {
          return size() > KEEP;
        }
      };

  public synchronized LoadedDataset get(DataRef ref) {
    LoadedDataset data = loaded.get(ref);
    if (data == null) {
      data = load(ref);
      loaded.put(ref, data);
    }
    return data;
  }

  private static LoadedDataset load(DataRef ref) {
    String fingerprint = DatasetFingerprint.of(ref.kind(), ref.path());
    if (!fingerprint.equals(ref.fingerprint())) {
      throw new DatasetException(
          "the "
              + ref.dataset()
              + " files in "
              + ref.directory()
              + " on this host differ from those the experiment was planned with"
              + " (fingerprint "
              + fingerprint.substring(0, 12)
              + " instead of "
              + ref.fingerprint().substring(0, Math.min(12, ref.fingerprint().length()))
              + "); give every worker host the same files");
    }
    return DatasetLoader.load(ref.kind(), ref.path(), ref.trainSize(), ref.testSize());
  }
}
