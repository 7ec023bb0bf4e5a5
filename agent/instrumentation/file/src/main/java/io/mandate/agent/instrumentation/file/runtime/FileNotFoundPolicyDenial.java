package io.mandate.agent.instrumentation.file.runtime;

import io.mandate.agent.enforcement.DenialStackTrace;
import io.mandate.api.PolicyDenial;

import java.io.FileNotFoundException;

/**
 * Thrown instead of a java.io open (FileInputStream, FileOutputStream, RandomAccessFile, their
 * readers and writers) or {@code File.createNewFile} the policy denies, before the operating system
 * sees it: the FileNotFoundException the JDK throws for a permission error, with the path first and
 * the rule and reason where the JDK says "(Permission denied)".
 */
public final class FileNotFoundPolicyDenial extends FileNotFoundException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String reason;

    public FileNotFoundPolicyDenial(String message, String ruleId, String reason) {
        super(message);
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
