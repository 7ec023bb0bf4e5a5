package io.mandate.agent.startup;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Describes types from their class files (pool first, so matching never loads a class), except
 * loaded classes that {@link AgentTypeFilter} ignores anyway: those get the reflective description,
 * which answers the name for free. At retransformation Byte Buddy describes every loaded class before
 * any matcher runs; without this, each of the agent's own thousands of classes, and every JDK class
 * loaded before premain, would be read back and parsed at every start, only to be ignored.
 */
final class SkipIgnoredDescriptions implements AgentBuilder.DescriptionStrategy {
    private final AgentBuilder.DescriptionStrategy delegate = Default.POOL_FIRST;
    private final AgentTypeFilter filter;

    SkipIgnoredDescriptions(AgentTypeFilter filter) {
        this.filter = filter;
    }

    @Override
    public boolean isLoadedFirst() {
        return delegate.isLoadedFirst();
    }

    @Override
    public TypeDescription apply(String name, Class<?> type, TypePool typePool,
                                 AgentBuilder.CircularityLock circularityLock, ClassLoader classLoader,
                                 JavaModule module) {
        if (type != null && filter.ignores(name, classLoader)) {
            return TypeDescription.ForLoadedType.of(type);
        }
        return delegate.apply(name, type, typePool, circularityLock, classLoader, module);
    }
}
