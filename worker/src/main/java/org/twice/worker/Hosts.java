package org.twice.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this host, as workers report it. */
public final class Hosts {
  private Hosts() {}

  public static String name() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown" : env;
    }
  }
}
