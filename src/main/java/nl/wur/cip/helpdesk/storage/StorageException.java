package nl.wur.cip.helpdesk.storage;

import java.sql.SQLException;

/**
 * The database refused a read or write (disk full, file locked, connection lost): the server's failure, never the
 * client's, whatever lies in its causes (a full disk surfaces as an I/O error deep inside). Its message is fit for the
 * log: the database's first line with quoted values blanked (they can be a researcher's question), and the root cause.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String what, SQLException cause) {
        super(what + ": " + loggable(cause), cause);
    }

    static String loggable(SQLException cause) {
        String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        StringBuilder text = new StringBuilder(
                        first.replaceAll("'(?:[^']|'')*'", "'…'").replaceAll("'[^']*$", "'…"))
                .append(" [SQL state ")
                .append(cause.getSQLState())
                .append(']');
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != cause) {
            text.append("; cause: ")
                    .append(root.getClass().getSimpleName())
                    .append(": ")
                    .append(root.getMessage());
        }
        return text.toString();
    }
}
