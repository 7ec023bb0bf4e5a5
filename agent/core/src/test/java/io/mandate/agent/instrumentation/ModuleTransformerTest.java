package io.mandate.agent.instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's transformer in this JVM, through the JVM's own instrumentation (self-attach): each
 * test advises its own fixture class, so that no test sees another's transformation, and resets
 * what it installed.
 */
class ModuleTransformerTest {
    private static Instrumentation instrumentation;

    private final List<String> transformed = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final List<ModuleTransformer> installed = new ArrayList<>();

    @BeforeAll
    static void attach() {
        instrumentation = ByteBuddyAgent.install();
    }

    @AfterEach
    void resetAll() {
        for (ModuleTransformer transformer : installed) {
            transformer.reset(instrumentation);
        }
    }

    @Test
    void transformsAClassAsItLoads() {
        // by name: the class literal would load the class
        String notYetLoaded = ModuleTransformerTest.class.getPackageName() + ".FirstLoadedAfterInstall";
        install(List.of(new Transformations().type(named(notYetLoaded)).transform(suffix())),
                (name, loader) -> !name.equals(notYetLoaded));

        assertEquals("plain+advised", FirstLoadedAfterInstall.greet());
        assertEquals(List.of(notYetLoaded + " as it loaded"), transformed);
    }

    @Test
    void retransformsAClassLoadedBeforeAndResetRestoresIt() {
        assertEquals("plain", LoadedBefore.greet());
        ModuleTransformer transformer = install(rules(LoadedBefore.class, suffix()));

        assertEquals("plain+advised", LoadedBefore.greet());
        assertEquals(List.of(LoadedBefore.class.getName() + " retransformed"), transformed);

        assertTrue(transformer.reset(instrumentation));
        assertEquals("plain", LoadedBefore.greet(), "the original bytecode is back");
        installed.remove(transformer);
    }

    @Test
    void appliesEveryMatchingRule() {
        assertEquals("plain", TwoRules.greet());
        install(rules(TwoRules.class, suffix()).type(named(TwoRules.class.getName())).transform(suffix()));

        assertEquals("plain+advised+advised", TwoRules.greet());
    }

    @Test
    void leavesIgnoredTypesAloneWhateverTheRulesSay() {
        assertEquals("plain", Ignored.greet());
        install(List.of(rules(Ignored.class, suffix())), (name, loader) -> name.equals(Ignored.class.getName()));

        assertEquals("plain", Ignored.greet());
        assertEquals(List.of(), transformed);
    }

    @Test
    void aFailingTransformationLeavesTheClassUnchangedAndIsReported() {
        assertEquals("plain", Failing.greet());
        install(rules(Failing.class, (builder, type) -> {
            throw new IllegalStateException("broken advice");
        }));

        assertEquals("plain", Failing.greet());
        assertEquals(List.of(Failing.class.getName() + ": java.lang.IllegalStateException: broken advice"), failed);
    }

    @Test
    void aTypeWithNoRuleIsNotTransformed() {
        install(rules(LoadedBefore.class, suffix()));

        assertEquals("plain", Unmatched.greet());
        assertFalse(transformed.contains(Unmatched.class.getName() + " as it loaded"));
    }

    @Test
    void aTransformerNeedsARuleToBelongTo() {
        assertThrows(IllegalStateException.class, () -> new Transformations().transform(suffix()));
    }

    private static Transformations rules(Class<?> fixture, TypeTransformer transformer) {
        return new Transformations().type(named(fixture.getName())).transform(transformer);
    }

    private static TypeTransformer suffix() {
        AsmVisitorWrapper advised = Advice.to(Suffix.class).on(named("greet"));
        return (builder, type) -> builder.visit(advised);
    }

    private ModuleTransformer install(Transformations rules) {
        return install(List.of(rules), (name, loader) -> !name.startsWith(ModuleTransformerTest.class.getName()));
    }

    private ModuleTransformer install(List<Transformations> rules, ModuleTransformer.IgnoredTypes ignored) {
        ModuleTransformer transformer = new ModuleTransformer(rules, ignored, ModuleTransformer.TypePools.UNSHARED,
                new ModuleTransformer.Listener() {
                    @Override
                    public void transformed(String typeName, boolean loaded) {
                        transformed.add(typeName + (loaded ? " retransformed" : " as it loaded"));
                    }

                    @Override
                    public void failed(String typeName, Throwable error) {
                        failed.add(typeName + ": " + error);
                    }
                });
        transformer.installOn(instrumentation);
        installed.add(transformer);
        return transformer;
    }

    public static final class Suffix {
        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) String greeting) {
            greeting = greeting + "+advised";
        }
    }

    static final class LoadedBefore {
        static String greet() {
            return "plain";
        }
    }

    static final class TwoRules {
        static String greet() {
            return "plain";
        }
    }

    static final class Ignored {
        static String greet() {
            return "plain";
        }
    }

    static final class Failing {
        static String greet() {
            return "plain";
        }
    }

    static final class Unmatched {
        static String greet() {
            return "plain";
        }
    }
}
