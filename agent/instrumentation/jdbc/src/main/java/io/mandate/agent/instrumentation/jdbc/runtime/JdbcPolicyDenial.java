package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.enforcement.DenialStackTrace;
import io.mandate.api.PolicyDenial;

import java.sql.SQLException;

/**
 * Thrown instead of running a JDBC call the policy denies, before the driver sees it. A plain
 * SQLException to the application (SQLState 42501, insufficient privilege, as the database
 * itself would answer), and a {@link PolicyDenial} to code that wants to tell the two apart.
 */
public final class JdbcPolicyDenial extends SQLException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    public static final String SQL_STATE = "42501";

    private final String ruleId;
    private final String reason;

    public JdbcPolicyDenial(String message, String ruleId, String reason) {
        super(message, SQL_STATE);
        this.ruleId = ruleId;
        this.reason = reason;
        setStackTrace(DenialStackTrace.fromTheInterceptedCallOn(getStackTrace()));
    }


    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public String reason() {
        return reason;
    }
}
