package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.Set;

/**
 * SQL functions that reach outside the database: read or write the server's files, open network
 * connections, run programs. A prompt-injected agent allowed to read one harmless table could
 * otherwise exfiltrate through {@code SELECT pg_read_file('/etc/passwd') FROM tickets} or H2's
 * {@code FILE_READ}; as {@code call} accesses they meet the policy's default deny.
 *
 * Matched on any part of a qualified name, so both {@code pg_catalog.pg_read_file} and Oracle's
 * package-qualified {@code utl_http.request} are found.
 */
final class ReachingFunctions {
    private static final Set<String> NAMES = Set.of(
            // PostgreSQL: server files, large objects to/from files, other servers
            "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir", "pg_ls_waldir",
            "pg_ls_tmpdir", "pg_ls_archive_statusdir", "pg_file_write", "pg_file_rename", "pg_file_unlink",
            "lo_import", "lo_export", "dblink", "dblink_exec", "dblink_connect", "dblink_connect_u",
            "dblink_send_query", "dblink_open",
            // H2: files, CSV files, links to other databases
            "file_read", "file_write", "csvread", "csvwrite", "link_schema",
            // MySQL / MariaDB
            "load_file", "sys_exec", "sys_eval",
            // SQL Server
            "xp_cmdshell", "openrowset", "opendatasource", "openquery",
            // Oracle packages and types that reach the network or files
            "utl_http", "utl_tcp", "utl_smtp", "utl_file", "utl_inaddr", "dbms_ldap", "httpuritype");

    private ReachingFunctions() {
    }

    /** {@code name} as {@link TableNames} normalizes it: lower-case, unquoted, dotted. */
    static boolean reachesOutside(String name) {
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (NAMES.contains(name.substring(start, end))) {
                return true;
            }
            if (dot < 0) {
                return false;
            }
            start = dot + 1;
        }
        return false;
    }
}
