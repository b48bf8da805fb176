package org.twice.scheduler.spec;

import java.nio.file.Path;
import org.twice.worker.data.DatasetKind;

/**
 * The data an experiment trains and probes on.
 *
 * @param kind which dataset the files hold
 * @param directory the directory of its files, absolute and normalised
 * @param trainSize how many training images to use, 0 for all
 * @param testSize how many test images to use, 0 for all
 * @param noiseSeed seeds the choice of training labels that label noise flips, so that every model
 *     of the experiment sees the same flipped labels
 */
public record DatasetSpec(
    DatasetKind kind, Path directory, int trainSize, int testSize, long noiseSeed) {}
