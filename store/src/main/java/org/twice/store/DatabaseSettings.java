package org.twice.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is: a JDBC URL of a shared PostgreSQL server, or, without one, the embedded
 * server whose data lives under {@code home}.
 */
public record DatabaseSettings(Optional<String> url, String user, String password, Path home) {

  public DatabaseSettings {
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  public static DatabaseSettings embedded(Path home) {
    return new DatabaseSettings(Optional.empty(), "", "", home);
  }

  public boolean isEmbedded() {
    return url.isEmpty();
  }

  /** The URL with any password in it replaced by stars, safe for logs and messages. */
  public String describe() {
    return url.map(Secrets::maskUrl).orElse("embedded PostgreSQL in " + home.toAbsolutePath());
  }
}
