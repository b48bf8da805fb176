package org.twice.worker.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file of unsigned bytes, read whole and checked against its header: two zero bytes, the
 * type byte 0x08, the rank, then one big-endian int per dimension and the values.
 */
record IdxFile(Path path, int[] dimensions, byte[] content, int offset) {
  private static final int UNSIGNED_BYTE = 0x08;

  /** Reads a file, gzipped or not, that must hold an array of the given rank. */
  static IdxFile read(Path path, int rank) {
    byte[] content = decompressed(path);
    checkHeader(path, content, rank);

    int[] dimensions = new int[rank];
    ByteBuffer buffer = ByteBuffer.wrap(content);
    for (int d = 0; d < rank; d++) {
      dimensions[d] = buffer.getInt(4 + 4 * d);
    }
    int offset = 4 + 4 * rank;
    checkLength(path, content, dimensions, offset);
    return new IdxFile(path, dimensions, content, offset);
  }

  /** The file's content, decompressed when it starts with the gzip magic number. */
  static InputStream open(Path path) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    in.mark(2);
    boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return gzipped ? new GZIPInputStream(in, 1 << 16) : in;
  }

  int count() {
    return dimensions[0];
  }

  private static byte[] decompressed(Path path) {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DatasetException(
          "%s: cannot read it (%s); the file is truncated or corrupt, copy it again"
              .formatted(path, e.getMessage()),
          e);
    }
  }

  private static void checkHeader(Path path, byte[] content, int rank) {
    if (content.length < 4 + 4 * rank) {
      throw new DatasetException(
          "%s: only %d bytes, too short for an IDX header".formatted(path, content.length));
    }
    if (content[0] != 0 || content[1] != 0 || content[2] != UNSIGNED_BYTE) {
      throw new DatasetException(
          "%s: bad magic number %02x%02x%02x%02x, expected an IDX file of unsigned bytes"
              .formatted(path, content[0], content[1], content[2], content[3]));
    }
    if (content[3] != rank) {
      throw new DatasetException(
          "%s: holds an array of rank %d, expected rank %d".formatted(path, content[3], rank));
    }
  }

  private static void checkLength(Path path, byte[] content, int[] dimensions, int offset) {
    long values = 1;
    for (int dimension : dimensions) {
      values = timesOrMax(values, dimension);
    }
    long expected = offset + values;
    if (content.length != expected) {
      throw new DatasetException(
          "%s: %d bytes%s, but its header %s promises %d; the file is truncated or corrupt"
              .formatted(
                  path,
                  content.length,
                  path.toString().endsWith(".gz") ? " after decompression" : "",
                  Arrays.toString(dimensions),
                  expected));
    }
  }

  /** Multiplies without overflow: a header promising more than any file holds must still fail. */
  private static long timesOrMax(long values, int dimension) {
    try {
      return Math.multiplyExact(values, Integer.toUnsignedLong(dimension));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
