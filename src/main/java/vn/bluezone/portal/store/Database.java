package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to the portal's database, whose schema is already migrated. */
public interface Database extends AutoCloseable {

    Connection connect() throws SQLException;

    /** A short description for logs, without secrets. */
    String describe();

    @Override
    void close();
}
