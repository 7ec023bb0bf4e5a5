package io.mandate.agent.startup;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.config.ConfigException;
import io.mandate.agent.config.OnError;
import io.mandate.agent.control.AgentFacts;
import io.mandate.agent.control.ControlCommands;
import io.mandate.agent.control.ControlServer;
import io.mandate.agent.control.LiveChains;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.enforcement.PolicyEnforcer;
import io.mandate.agent.enforcement.RevocationRegistry;
import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.ChronicleModuleAccess;
import io.mandate.agent.journal.Journal;
import io.mandate.agent.journal.JournalOptions;
import io.mandate.agent.journal.OperatorKeys;
import io.mandate.agent.journal.ProcessId;
import io.mandate.agent.lifecycle.JournalingChainListener;
import io.mandate.api.Mandate;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.api.AgentBackend;
import io.mandate.bootstrap.launcher.AgentLauncher;
import io.mandate.bootstrap.launcher.StartupFailure;
import io.mandate.bootstrap.tools.ChatCalls;
import io.mandate.control.AgentProperties;
import io.mandate.control.ControlSockets;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.LimitCounters;

import java.io.File;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the agent inside the isolated class loader: configuration, policy, module access, journal,
 * enforcer, API backend, instrumentation, shutdown hook, then the one startup line on stderr.
 *
 * A configuration error always stops the start. Any other failure follows onError: closed stops the
 * start (the launcher ends a {@code -javaagent} JVM before {@code main}), open lets the application
 * run and says loudly what is missing. Nothing is ever printed on stdout.
 */
public final class AgentStarter {
    private static final String DEBUG_PROPERTY = "mandate.debug";
    /**
     * At premain the journal writer opens its queue once the start is over, or this long after it
     * began at the latest: a start that takes longer (a loaded machine) only loses the overlap.
     */
    private static final Duration JOURNAL_OPEN_AFTER_START_AT_MOST = Duration.ofSeconds(5);
    private static final String RUN_PUBLIC_KEY = "runPublicKey";

    private final Instrumentation instrumentation;
    private final String version;
    private final boolean lateAttach;
    private final long launchNanos;
    private final File agentJar;
    private final PrintStream err = System.err;
    private PrivateKey operatorKey;

    private AgentStarter(Instrumentation instrumentation, String version, boolean lateAttach, long launchNanos,
                         File agentJar) {
        this.agentJar = agentJar;
        this.instrumentation = instrumentation;
        this.version = version;
        this.lateAttach = lateAttach;
        this.launchNanos = launchNanos;
    }

    /** Called reflectively by the launcher on the boot class path; throws {@link StartupFailure} to stop the start. */
    public static void start(Instrumentation instrumentation, String agentArguments, File agentJar, String version,
                             boolean lateAttach, long launchNanos) {
        CallGuard.enter(); // nothing the agent does while starting is a call to decide
        // JDK 25's attach listener thread has no context class loader, and Chronicle looks classes up
        // through it when it maps the journal's first file: give it the agent's loader while starting
        // (the journal's threads made meanwhile inherit it, which is the loader their classes come from)
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        if (context == null) {
            thread.setContextClassLoader(AgentStarter.class.getClassLoader());
        }
        try {
            new AgentStarter(instrumentation, version, lateAttach, launchNanos, agentJar).start(agentArguments);
        } finally {
            if (context == null) {
                thread.setContextClassLoader(null);
            }
            CallGuard.exit();
        }
    }

    private void start(String agentArguments) {
        if (Mandate.agentAttached()) {
            String ignored = "mandate: the agent is already running in this JVM; this "
                    + (lateAttach ? "attach" : "-javaagent") + " is ignored";
            err.println(ignored);
            if (lateAttach) {
                System.setProperty(AgentProperties.START_FAILURE, ignored);
            }
            return;
        }
        AgentConfig config;
        try {
            config = AgentConfig.resolve(agentArguments, System.getProperties(), System.getenv(),
                    System.getProperty("sun.java.command"));
        } catch (ConfigException e) {
            throw new StartupFailure(e.getMessage(), AgentLauncher.EXIT_CONFIG);
        }
        Journal[] opened = new Journal[1];
        try {
            startWith(config, opened);
            if (opened[0] instanceof ChronicleJournal) {
                // premain is over: the writer may now open the queue and make the run key (see openJournal)
                ((ChronicleJournal) opened[0]).startWriting();
            }
        } catch (StartupFailure e) {
            closeQuietly(opened[0]);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(opened[0]);
            boolean debug = Boolean.getBoolean(DEBUG_PROPERTY);
            if (config.onError() == OnError.CLOSED) {
                throw new StartupFailure("mandate: the agent failed to start: " + e + "; onError=closed stops the start"
                        + (debug ? "" : " (details with -D" + DEBUG_PROPERTY + "=true)"), AgentLauncher.EXIT_AGENT_FAILED,
                        e);
            }
            String warning = "mandate: WARNING: the agent failed to start: " + e
                    + "; onError=open: the application runs WITHOUT Mandate, nothing is decided or journaled";
            err.println(warning + (debug ? "" : " (details with -D" + DEBUG_PROPERTY + "=true)"));
            if (lateAttach) {
                System.setProperty(AgentProperties.START_FAILURE, warning);
            }
            if (debug) {
                e.printStackTrace();
            }
        }
    }

    private void startWith(AgentConfig configured, Journal[] opened) {
        StartupTimer timer = new StartupTimer(launchNanos, Boolean.getBoolean(DEBUG_PROPERTY));
        PolicySetup.Outcome policySetup = PolicySetup.load(configured, err);
        timer.phase("policy");
        AgentConfig config = policySetup.config;
        CompiledPolicy policy = policySetup.policy;

        ClassLoader agentLoader = AgentStarter.class.getClassLoader();
        ModuleAccess.letJdkModulesReadBridge(instrumentation, ContextHolder.class.getModule());
        ModuleAccess.grant(instrumentation, ChronicleModuleAccess.exports(), ChronicleModuleAccess.opens(),
                agentLoader.getUnnamedModule());
        timer.phase("module access");

        InternalErrors errors = new InternalErrors(config.onError() == OnError.CLOSED
                ? "calls it affects are denied (onError=closed)" : "calls it affects are let through (onError=open)");
        Journal journal = openJournal(config);
        timer.phase("journal");
        boolean journaling = !(journal instanceof DiscardingJournal);
        opened[0] = journal;
        errors.journal(journal);
        if (journal instanceof ChronicleJournal) {
            // the writer fills in the run key, which it makes once the start is over (see openJournal)
            ((ChronicleJournal) journal).recordLifecycle("agent.start", startAttributes(config, policy), RUN_PUBLIC_KEY);
        } else {
            journal.recordLifecycle("agent.start", startAttributes(config, policy));
        }
        if (policy != null) {
            journal.recordLifecycle("policy.load", Map.of("name", policy.name(), "hash", policy.hash(), "source",
                    policy.source()));
        }

        long startedAtMillis = System.currentTimeMillis();
        LimitCounters counters = new LimitCounters();
        RevocationRegistry revocations = new RevocationRegistry();
        PolicyEnforcer enforcer = new PolicyEnforcer(policy, config.mode(), config.onError(), config.agent(), counters,
                revocations, journal, errors);
        enforcer.warmUp();
        timer.phase("enforcer");

        JournalingChainListener chainListener = new JournalingChainListener(journal, counters, errors,
                enforcer::contextClosing);
        revocations.listener(chainListener);
        LiveChains liveChains = new LiveChains(revocations, chainListener);
        AgentBackend.install(config.agent(), liveChains, revocations);
        ChatCalls.configurePurpose(config.purpose());

        InstrumentationInstaller.Installed installed = InstrumentationInstaller.install(instrumentation, agentLoader,
                new RunningAgent(enforcer, errors, config, journal), errors, config.onError(), timer);
        Thread shutdownHook = new Thread(new ShutdownRecorder(journal, errors), "mandate-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (config.control()) {
            AgentDetachment detachment = new AgentDetachment(instrumentation, installed, journal, errors);
            detachment.shutdownHook(shutdownHook);
            ControlCommands commands = new ControlCommands(enforcer, revocations, liveChains, journal,
                    new AgentFacts(version, config.agent(), config.onError().keyword(), config.journalSetting(),
                            lateAttach ? "late" : "premain", startedAtMillis),
                    operatorKey != null, detachment, config.policy() == null ? "" : config.policy().toAbsolutePath().toString());
            ControlServer.start(commands, ControlSockets.forCurrentUser(), errors, operatorKey);
            timer.phase("control channel");
        }

        err.println(StartupLine.format(version, config, policy, policySetup.degraded, journaling,
                installed.modules.size(), timer.totalMillis()));
        // what mandate attach and ps read through the attach API: an agent is here (and how it started)
        System.setProperty(AgentProperties.STATE, AgentProperties.RUNNING + " " + version);
        if (Boolean.getBoolean(DEBUG_PROPERTY)) {
            err.println("mandate: startup phases: " + timer);
        }
        if (journaling) {
            // last: hashing the jars (~28 MB of agent jar, and the JIT compiling SHA-256 for it) runs
            // while the application's main starts, not while premain competes for the cores
            RunArtifacts.journalInBackground(journal, agentJar);
        }
    }

    private Journal openJournal(AgentConfig config) {
        try {
            JournalOptions options = JournalOptions.defaults()
                    .rollCycle(config.journalRetention().roll())
                    .retentionMaxBytes(config.journalRetention().maxSize())
                    .retentionMaxAge(config.journalRetention().maxAge())
                    // the writer's file work is the agent's own, never a call to decide
                    .writerRunner(CallGuard::runUnguarded);
            if (!lateAttach) {
                // the queue's set-up and the run key (~0.25 s of CPU with the JIT work they cause) wait
                // until premain returns instead of competing with it for the cores; late attach does
                // not wait: the application is running and its events would pile up in the ring
                options.openWhenStarted(JOURNAL_OPEN_AFTER_START_AT_MOST);
            }
            if (config.operatorKey() != null) {
                // read at each start, kept by the journal, which signs the run key with it once, and
                // handed to the control channel, which keeps only the public key it derives
                operatorKey = OperatorKeys.readPrivateKey(config.operatorKey());
                options.operatorKey(operatorKey);
            }
            return ChronicleJournal.open(config.journal(), options);
        } catch (RuntimeException | LinkageError e) {
            if (config.onError() == OnError.CLOSED) {
                throw new StartupFailure("mandate: cannot open the journal in " + config.journalSetting() + ": " + e
                        + "; onError=closed stops the start", AgentLauncher.EXIT_AGENT_FAILED, e);
            }
            err.println("mandate: WARNING: cannot open the journal in " + config.journalSetting() + ": " + e
                    + "; onError=open: running WITHOUT a journal, decisions are not recorded");
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                e.printStackTrace();
            }
            return new DiscardingJournal();
        }
    }

    private Map<String, String> startAttributes(AgentConfig config, CompiledPolicy policy) {
        Map<String, String> attributes = new HashMap<>(config.describe());
        attributes.put("version", version);
        attributes.put("javaVersion", System.getProperty("java.version", ""));
        attributes.put("javaVendor", System.getProperty("java.vendor", ""));
        attributes.put("policyName", policy == null ? "" : policy.name());
        attributes.put("policyHash", policy == null ? "" : policy.hash());
        attributes.put("attach", lateAttach ? "late" : "premain");
        attributes.put("pid", Long.toString(ProcessId.current()));
        // the run key that signs this run's checkpoints (also in journal.open); jar hashes follow in agent.artifacts
        attributes.put(RUN_PUBLIC_KEY, ""); // a journal's writer sets it (see startWith)
        attributes.put("operatorCertified", Boolean.toString(config.operatorKey() != null));
        return attributes;
    }

    private static void closeQuietly(Journal journal) {
        if (journal != null) {
            try {
                journal.close();
            } catch (RuntimeException | LinkageError ignored) {
                // the start already failed; that failure is what gets reported
            }
        }
    }
}
