package org.twice.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies a dataset's content: the SHA-256 of its spec name and of its files, decompressed, in
 * the order of {@link DatasetKind#fileNames}. A gzipped and a plain copy of the same data share a
 * fingerprint; any changed byte changes it. Nothing is cached, so a replaced file is seen.
 */
public final class DatasetFingerprint {
  private DatasetFingerprint() {}

  /**
   * The fingerprint as 64 lowercase hex digits.
   *
   * @throws DatasetException if a file is missing or cannot be read
   */
  public static String of(DatasetKind kind, Path directory) {
    DatasetLoader.checkPresent(kind, directory);
    MessageDigest digest = sha256();
    digest.update(kind.specName().getBytes(StandardCharsets.UTF_8));

    for (String name : kind.fileNames()) {
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digestContent(digest, kind.locate(directory, name).orElseThrow());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void digestContent(MessageDigest digest, Path file) {
    try (InputStream in = IdxFile.open(file);
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new DatasetException("%s: cannot read it (%s)".formatted(file, e.getMessage()), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-256, which every Java runtime has", e);
    }
  }
}
