package org.twice.worker.data;

/** The training and test images of one dataset, as read from its files. */
public record LoadedDataset(DatasetKind kind, ImageSet train, ImageSet test) {
  /** The number of classes the dataset's labels range over. */
  public int classes() {
    return kind.classNames().size();
  }
}
