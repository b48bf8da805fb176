package org.twice.scheduler.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.twice.store.TaskKind;

/**
 * A task's identity: a hash of its kind, its parameters and the keys of its inputs. Two tasks with
 * one key would compute the same thing, so the second reuses the first's results.
 */
public final class TaskKey {
  private TaskKey() {}

  /** {@code kind-hex}, where hex is the SHA-256 of kind, canonical JSON parameters and inputs. */
  public static String of(TaskKind kind, String canonicalParams, List<String> inputs) {
    MessageDigest digest = sha256();
    update(digest, kind.word());
    update(digest, canonicalParams);
    inputs.forEach(input -> update(digest, input));
    return kind.word() + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 40);
  }

  private static void update(MessageDigest digest, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
