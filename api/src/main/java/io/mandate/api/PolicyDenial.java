package io.mandate.api;

/**
 * Implemented by every exception Mandate throws to deny a call (a SQLException, an IOException,
 * an AccessDeniedException...), so application code can tell a policy denial from a real failure
 * without depending on agent classes.
 */
public interface PolicyDenial {
    /** The stable id of the rule that denied the call ("file:line" or an explicit id). */
    String ruleId();

    String reason();
}
