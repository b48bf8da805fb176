package org.twice.worker.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The JVM runs the native build that Maven packaged; the tests get its extension from the pom. */
class NativeBuildTest {
  @Test
  void theLoadedNativesAreThePackagedBuild() {
    String packaged = NativeBuild.packagedExtension();

    String built = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();

    assertThat(System.getProperty(NativeBuild.EXTENSION)).isEqualTo(packaged);
    assertThat(built.contains("HAVE_ONEDNN")).isEqualTo(packaged.contains("onednn"));
  }

  @Test
  void aChoiceMadeOnTheCommandLineStands() {
    String given = System.getProperty(NativeBuild.EXTENSION);

    NativeBuild.select();

    assertThat(System.getProperty(NativeBuild.EXTENSION)).isEqualTo(given);
  }
}
