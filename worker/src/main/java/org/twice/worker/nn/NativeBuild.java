package org.twice.worker.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Tells JavaCPP which of ND4J's native builds to load: the one the Maven build packaged (the oneDNN
 * build by default, see pom.xml). JavaCPP loads the plain build unless the system property {@code
 * org.bytedeco.javacpp.platform.extension} names another, so this must run before the first use of
 * ND4J. A property given on the command line wins.
 */
public final class NativeBuild {
  static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";
  private static final String RECORD = "native-build.properties";

  private NativeBuild() {}

  /** Selects the packaged native build for this JVM, unless one was chosen already. */
  public static void select() {
    if (System.getProperty(EXTENSION) == null) {
      System.setProperty(EXTENSION, packagedExtension());
    }
  }

  /** The extension the build recorded, such as {@code -onednn-avx2}; empty for the plain build. */
  static String packagedExtension() {
    Properties record = new Properties();
    try (InputStream in = NativeBuild.class.getResourceAsStream(RECORD)) {
      if (in == null) {
        throw new IllegalStateException(
            RECORD + " is missing from the worker's jar; rebuild twice");
      }
      record.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RECORD, e);
    }
    return record.getProperty("javacpp.platform.extension", "").trim();
  }
}
