package nl.wur.cip.helpdesk.storage;

import java.sql.SQLException;

/**
 * The database refused a read or write (disk full, file locked, connection lost): the server's failure, never the
 * client's, whatever lies in its causes (a full disk surfaces as an I/O error deep inside).
 */
public final class StorageException extends RuntimeException {
    public StorageException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
