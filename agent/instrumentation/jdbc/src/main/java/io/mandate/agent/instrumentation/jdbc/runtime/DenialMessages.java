package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.instrumentation.jdbc.sql.ClassifiedSql;
import io.mandate.policy.Decision;

/**
 * The text of a denial, naming what was refused and why:
 * {@code Mandate denied jdbc select on salaries by rule support.mandate:12: salary data is outside
 * the support purpose}. Accesses sharing an operation are listed together
 * ("insert on audit, select on customers, salaries").
 */
final class DenialMessages {
    private DenialMessages() {
    }

    static String statementDenied(ClassifiedSql sql, Decision decision) {
        StringBuilder s = new StringBuilder("Mandate denied jdbc ");
        if (sql.accessCount() == 0) {
            s.append(sql.mainOperation());
        }
        String previousOperation = null;
        for (int i = 0; i < sql.accessCount(); i++) {
            String operation = sql.operation(i);
            String resource = sql.resource(i);
            if (operation.equals(previousOperation)) {
                s.append(", ").append(resource);
                continue;
            }
            if (previousOperation != null) {
                s.append(", ");
            }
            s.append(operation);
            if (!resource.isEmpty()) {
                s.append(" on ").append(resource);
            } else if (ClassifiedSql.UNKNOWN.equals(operation)) {
                s.append(" (SQL it could not read)");
            }
            previousOperation = operation;
        }
        return byRule(s, decision);
    }

    static String rowsDenied(Decision decision) {
        return byRule(new StringBuilder("Mandate denied jdbc rows read"), decision);
    }

    private static String byRule(StringBuilder s, Decision decision) {
        s.append(" by rule ").append(decision.ruleId());
        if (!decision.reason().isEmpty()) {
            s.append(": ").append(decision.reason());
        }
        return s.toString();
    }
}
