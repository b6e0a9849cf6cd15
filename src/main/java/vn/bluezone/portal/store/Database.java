package vn.bluezone.portal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to the portal's database, whose schema is already migrated. */
public interface Database extends AutoCloseable {

    Connection connect() throws SQLException;

    /** Which SQL it speaks where the stores' shared classes must tell. */
    Dialect dialect();

    /** A short description for logs, without secrets. */
    String describe();

    @Override
    void close();
}
