package io.mandate.agent.instrumentation.process;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.process.advice.StartAdvice;
import io.mandate.agent.instrumentation.process.runtime.CommandLineDisplay;
import io.mandate.agent.instrumentation.process.runtime.ProcessEnforcement;
import io.mandate.bootstrap.process.ProcessDispatch;
import io.mandate.agent.instrumentation.Transformations;

import net.bytebuddy.asm.AsmVisitorWrapper;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Decides every process the JVM launches through the JDK: {@code ProcessBuilder.start},
 * {@code ProcessBuilder.startPipeline} (each stage) and {@code Runtime.exec}, which all end in
 * the private {@code ProcessBuilder.start(Redirect[])}. The operation is {@code process exec}, the
 * resource the executable as given ({@code curl}, {@code /usr/bin/curl}); a denied launch throws
 * {@link io.mandate.agent.enforcement.IoPolicyDenial}, an IOException, before
 * the operating system sees it.
 *
 * Hooks a method of a JDK class, not a constructor, so builders created before a late attach are
 * decided once ProcessBuilder is retransformed. Needs from the agent's transformer: retransformation
 * without class format changes (the advice adds no members) and java.base reading the bridge.
 */
public final class ProcessInstrumentationModule implements InstrumentationModule {
    static final String PROCESS_BUILDER = "java.lang.ProcessBuilder";

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        // Loading bridge classes from inside ProcessBuilder while it is transformed could recurse.
        ProcessDispatch.preload();
        ProcessEnforcement enforcement = new ProcessEnforcement(services.enforcer(), new CommandLineDisplay()::display,
                services::internalError);
        // Built here, not inside the transformer: reading the advice resolves ProcessBuilder, which must
        // not happen while ProcessBuilder itself is being loaded (a ClassCircularityError). This loads it
        // now, so it is retransformed instead.
        AsmVisitorWrapper startAdvice = AdviceReader.of(StartAdvice.class)
                .on(named("start").and(takesArguments(ProcessBuilder.Redirect[].class)));
        ProcessDispatch.install(enforcement);
        transformations.type(named(PROCESS_BUILDER))
                .transform(AdviceReader.applying(startAdvice));
    }

    @Override
    public java.util.List<String> jdkClassPrefixes() {
        return java.util.List.of("java.lang.ProcessBuilder");
    }

    @Override
    public void uninstall() {
        ProcessDispatch.uninstall();
    }
}
