package org.twice.store;

import java.util.regex.Pattern;

/** Masks credentials before text reaches a log or an error message. */
public final class Secrets {
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password|sslpassword)=[^&;\\s]*");

  private Secrets() {}

  public static String maskUrl(String url) {
    String masked = USER_INFO.matcher(url).replaceAll("$1:****@");
    return PASSWORD_PARAM.matcher(masked).replaceAll("$1=****");
  }

  /** Replaces every occurrence of a known secret in a message. */
  public static String scrub(String message, String secret) {
    if (message == null || secret == null || secret.isEmpty()) {
      return message;
    }
    return message.replace(secret, "****");
  }
}
