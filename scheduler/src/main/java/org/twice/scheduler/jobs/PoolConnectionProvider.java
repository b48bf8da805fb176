package org.twice.scheduler.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends Quartz connections from twice's own pool, so both share one database and one pool. */
final class PoolConnectionProvider implements ConnectionProvider {
  private final DataSource dataSource;

  PoolConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // The pool belongs to the Database, which closes it.
  }

  @Override
  public void initialize() {
    // The pool is already open.
  }
}
