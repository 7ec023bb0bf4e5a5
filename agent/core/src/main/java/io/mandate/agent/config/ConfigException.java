package io.mandate.agent.config;

/** A configuration the agent cannot start with; the message names the key, the value and the valid choices. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
