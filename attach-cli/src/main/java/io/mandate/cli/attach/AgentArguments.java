package io.mandate.cli.attach;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mandate.cli.UsageException;

/**
 * The agent argument string {@code key=value,key=value} handed to agentmain, built from the
 * options of {@code mandate attach}. Paths are made absolute here: the operator means them from
 * their own directory, while the agent would resolve them from the target JVM's.
 */
final class AgentArguments {
    private final Map<String, String> values = new LinkedHashMap<>();

    AgentArguments path(String key, Path value) {
        return put(key, value == null ? null : value.toAbsolutePath().normalize().toString());
    }

    AgentArguments put(String key, String value) {
        if (value == null) {
            return this;
        }
        if (value.indexOf(',') >= 0) {
            // the agent splits its arguments on commas and has no quoting
            throw new UsageException("the value of " + key + " cannot contain a comma in agent arguments: " + value);
        }
        if (values.containsKey(key)) {
            throw new UsageException(key + " is given twice");
        }
        values.put(key, value);
        return this;
    }

    /** {@code --option key=value}, for the agent keys attach has no option of its own for. */
    AgentArguments options(List<String> keyValues) {
        for (String keyValue : keyValues) {
            int equals = keyValue.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--option takes key=value, not " + keyValue);
            }
            put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
        }
        return this;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String get(String key) {
        return values.getOrDefault(key, "");
    }

    @Override
    public String toString() {
        StringBuilder joined = new StringBuilder();
        values.forEach((key, value) -> joined.append(joined.length() == 0 ? "" : ",").append(key).append('=').append(value));
        return joined.toString();
    }
}
