package io.mandate.agent.instrumentation.process.runtime;

import io.mandate.agent.enforcement.InFlightCall;
import io.mandate.agent.enforcement.EpochClock;
import io.mandate.agent.enforcement.IoPolicyDenial;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.bootstrap.process.ProcessHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Decides process launches: the agent-side implementation of the hooks the advice in
 * ProcessBuilder dispatches to. The access is {@code exec} of the executable exactly as the
 * application gave it (the policy's command patterns match a bare name against the file name of a
 * path); the journal gets the command line as {@code commandLines} shows it ({@link CommandLineDisplay}).
 *
 * A command the JDK itself will refuse (empty, or with a null element) is not decided: the JDK's
 * own exception follows and nothing starts. Anything that goes wrong in here is reported once per
 * place; the decision is still taken from the executable, so the policy and the failure mode say
 * what happens.
 */
public final class ProcessEnforcement implements ProcessHooks {
    static final String EXEC = "exec";

    private final Enforcer enforcer;
    private final Function<String[], String> commandLines;
    private final BiConsumer<String, Throwable> internalErrors;
    private final EpochClock clock = new EpochClock();

    public ProcessEnforcement(Enforcer enforcer, Function<String[], String> commandLines,
                              BiConsumer<String, Throwable> internalErrors) {
        this.enforcer = enforcer;
        this.commandLines = commandLines;
        this.internalErrors = internalErrors;
    }

    @Override
    public Object beforeStart(List<String> command) {
        long startNanos = System.nanoTime();
        String[] argv = launchable(command);
        if (argv == null) {
            return null;
        }
        String display = display(argv);
        try {
            Request request = enforcer.request(Kind.PROCESS).access(EXEC, argv[0]);
            Decision decision = enforcer.decide(request);
            if (enforcer.blocks(decision)) {
                enforcer.record(request, decision, true, EXEC, display, clock.epochNanos(startNanos), 0L, null);
                return new IoPolicyDenial(denialMessage(argv[0], decision), decision.ruleId(), decision.reason());
            }
            return new InFlightCall().start(request, decision, EXEC, display, clock.epochNanos(startNanos), startNanos);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("process.decide", e);
            return null;
        }
    }

    @Override
    public void afterStart(Object call, Throwable error) {
        if (!(call instanceof InFlightCall launch)) {
            return;
        }
        try {
            enforcer.record(launch.request, launch.decision, false, EXEC, launch.display, launch.startEpochNanos,
                    System.nanoTime() - launch.startNanos, error);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("process.record", e);
        }
    }

    /** The command as an array, or null when the JDK will refuse it without starting anything. */
    private String[] launchable(List<String> command) {
        String[] argv;
        try {
            argv = command.toArray(new String[0]);
        } catch (RuntimeException e) {
            return null; // the JDK's own copy fails the same way, and nothing starts
        }
        if (argv.length == 0) {
            return null;
        }
        for (String argument : argv) {
            if (argument == null) {
                return null;
            }
        }
        return argv;
    }

    private String display(String[] argv) {
        try {
            return commandLines.apply(argv);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("process.display", e);
            return argv[0] + " (arguments not shown: internal error)";
        }
    }

    static String denialMessage(String executable, Decision decision) {
        StringBuilder s = new StringBuilder("Mandate denied process exec of ").append(executable)
                .append(" by rule ").append(decision.ruleId());
        if (!decision.reason().isEmpty()) {
            s.append(": ").append(decision.reason());
        }
        return s.toString();
    }
}
