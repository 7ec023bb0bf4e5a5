package io.mandate.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.any;

/**
 * The types one module transforms, and how: rules, each naming the types it applies to (and the
 * class loaders and modules it applies in), followed by the transformers to apply to such a type.
 * Every rule that matches a type applies, in the order the rules were added.
 *
 * <pre>{@code
 * transformations.type(named("java.io.File")).transform(deleteAdvice).transform(renameAdvice)
 *         .type(named("java.io.RandomAccessFile")).transform(openAdvice);
 * }</pre>
 *
 * The matchers run for every class the JVM loads that the agent does not ignore by name: they should
 * answer from the name, or the class loader, before they look further.
 */
public final class Transformations {
    /** One {@code type(...)} and the transformers that follow it. */
    static final class Rule {
        private final ElementMatcher<? super TypeDescription> types;
        private final ElementMatcher<? super ClassLoader> loaders;
        private final ElementMatcher<? super Module> modules;
        private final List<TypeTransformer> transformers = new ArrayList<>();

        Rule(ElementMatcher<? super TypeDescription> types, ElementMatcher<? super ClassLoader> loaders,
             ElementMatcher<? super Module> modules) {
            this.types = types;
            this.loaders = loaders;
            this.modules = modules;
        }

        /** The cheap questions first: the module and the loader are known, the type may need parsing. */
        boolean matches(TypeDescription type, ClassLoader loader, Module module) {
            return modules.matches(module) && loaders.matches(loader) && types.matches(type);
        }

        List<TypeTransformer> transformers() {
            return transformers;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Starts a rule for the types {@code types} matches, in any class loader and module. */
    public Transformations type(ElementMatcher<? super TypeDescription> types) {
        return type(types, any(), any());
    }

    /** Starts a rule for the types {@code types} matches that a loader {@code loaders} matches defines. */
    public Transformations type(ElementMatcher<? super TypeDescription> types,
                                ElementMatcher<? super ClassLoader> loaders) {
        return type(types, loaders, any());
    }

    /** Starts a rule for the matched types of the matched loaders, in the modules {@code modules} matches. */
    public Transformations type(ElementMatcher<? super TypeDescription> types, ElementMatcher<? super ClassLoader> loaders,
                                ElementMatcher<? super Module> modules) {
        rules.add(new Rule(types, loaders, modules));
        return this;
    }

    /** Adds a transformer to the rule started last. */
    public Transformations transform(TypeTransformer transformer) {
        if (rules.isEmpty()) {
            throw new IllegalStateException("transform(...) names no type: start a rule with type(...) first");
        }
        rules.get(rules.size() - 1).transformers.add(transformer);
        return this;
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }
}
