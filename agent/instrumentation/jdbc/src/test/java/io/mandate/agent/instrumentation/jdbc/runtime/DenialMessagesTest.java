package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.agent.instrumentation.jdbc.sql.SqlRedactor;
import io.mandate.policy.Decision;
import io.mandate.policy.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DenialMessagesTest {
    private final SqlClassifier classifier = new SqlClassifier(100, 100_000, 10_000, new SqlRedactor(500), (w, e) -> { });
    private final Decision deny = new Decision(Verdict.DENY, "support.mandate:12", "salary data is outside the support purpose", "h");

    @Test
    void namesOperationTableRuleAndReason() {
        assertEquals("Mandate denied jdbc select on salaries by rule support.mandate:12: salary data is outside the support purpose",
                DenialMessages.statementDenied(classifier.classify("SELECT * FROM salaries"), deny));
    }

    @Test
    void groupsTablesOfTheSameOperation() {
        assertEquals("Mandate denied jdbc insert on archive, select on salaries, payroll by rule support.mandate:12: "
                        + "salary data is outside the support purpose",
                DenialMessages.statementDenied(
                        classifier.classify("INSERT INTO archive SELECT * FROM salaries JOIN payroll ON 1 = 1"), deny));
    }

    @Test
    void namesUnreadableAndTablelessStatements() {
        Decision noReason = new Decision(Verdict.DENY, "default", "", "h");
        assertEquals("Mandate denied jdbc unknown (SQL it could not read) by rule default",
                DenialMessages.statementDenied(classifier.classify("FROBNICATE"), noReason));
        assertEquals("Mandate denied jdbc select by rule default",
                DenialMessages.statementDenied(classifier.classify("SELECT 1"), noReason));
    }
}
