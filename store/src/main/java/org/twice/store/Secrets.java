package org.twice.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks credentials before text reaches a log or an error message. Stateless and thread-safe. */
public final class Secrets {
  private static final String MASK = "****";
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):([^/@]*)@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password|sslpassword)=([^&;\\s]*)");

  private Secrets() {}

  public static String maskUrl(String url) {
    String masked = USER_INFO.matcher(url).replaceAll("$1:" + MASK + "@");
    return PASSWORD_PARAM.matcher(masked).replaceAll("$1=" + MASK);
  }

  /** Replaces every occurrence of a known secret in a message. */
  public static String scrub(String message, String secret) {
    if (message == null || secret == null || secret.isEmpty()) {
      return message;
    }
    return message.replace(secret, MASK);
  }

  /**
   * Masks a message that may quote a JDBC URL, or parts of one (a driver names the host it could
   * not resolve, user info included): URLs are masked and every known secret is replaced.
   */
  public static String mask(String message, List<String> secrets) {
    if (message == null) {
      return null;
    }
    String masked = maskUrl(message);
    for (String secret : secrets) {
      masked = scrub(masked, secret);
    }
    return masked;
  }

  /** The passwords a JDBC URL carries: in its user info and in password parameters. */
  public static List<String> passwordsIn(String url) {
    List<String> passwords = new ArrayList<>();
    collect(USER_INFO.matcher(url), passwords);
    collect(PASSWORD_PARAM.matcher(url), passwords);
    return passwords;
  }

  /**
   * A copy of an exception and its causes with every message masked, keeping class names and stack
   * traces, so that it can be attached as a cause or logged without leaking a password.
   */
  public static Throwable maskThrowable(Throwable error, List<String> secrets) {
    if (error == null) {
      return null;
    }
    MaskedException copy =
        new MaskedException(
            error.getClass().getName(),
            mask(error.getMessage(), secrets),
            maskThrowable(error.getCause(), secrets));
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  private static void collect(Matcher matcher, List<String> into) {
    while (matcher.find()) {
      if (!matcher.group(2).isEmpty()) {
        into.add(matcher.group(2));
      }
    }
  }

  /** An exception that stands in for another whose message held a secret. */
  static final class MaskedException extends RuntimeException {
    private final String originalClass;

    MaskedException(String originalClass, String message, Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    @Override
    public String toString() {
      String message = getMessage();
      return message == null ? originalClass : originalClass + ": " + message;
    }
  }
}
