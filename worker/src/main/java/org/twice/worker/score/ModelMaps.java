package org.twice.worker.score;

import java.util.List;

/**
 * The decision region maps of one model, one per triplet, in the triplet order every model of a
 * comparison shares.
 */
public record ModelMaps(String modelKey, List<byte[]> maps) {}
