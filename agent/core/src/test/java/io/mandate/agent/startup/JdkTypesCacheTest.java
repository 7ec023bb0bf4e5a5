package io.mandate.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

import org.junit.jupiter.api.Test;

class JdkTypesCacheTest {
    private static final int ANY_WEIGHT = 100_000;

    private static int weight(Class<?> type) {
        return SharedJdkTypePool.JdkTypesCache.weightOf(resolved(type));
    }

    private static TypePool.Resolution resolved(Class<?> type) {
        return new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(type));
    }

    @Test
    void keepsTheTypesUsedLastAndEvictsTheLeastRecentlyUsed() {
        SharedJdkTypePool.JdkTypesCache cache = new SharedJdkTypePool.JdkTypesCache(2, ANY_WEIGHT);
        cache.register("java.lang.String", resolved(String.class));
        cache.register("java.lang.Runnable", resolved(Runnable.class));
        assertNotNull(cache.find("java.lang.String")); // now the most recently used
        cache.register("java.util.List", resolved(List.class));
        assertEquals(2, cache.size());
        assertNotNull(cache.find("java.lang.String"));
        assertNotNull(cache.find("java.util.List"));
        assertNull(cache.find("java.lang.Runnable"));
    }

    @Test
    void keepsNoMoreDeclaredMethodsThanItsBudgetEvictingTheLeastRecentlyUsed() {
        int runnable = weight(Runnable.class);
        int comparable = weight(Comparable.class);
        int list = weight(List.class);
        SharedJdkTypePool.JdkTypesCache cache = new SharedJdkTypePool.JdkTypesCache(10, list + runnable);
        cache.register("java.lang.Runnable", resolved(Runnable.class));
        cache.register("java.lang.Comparable", resolved(Comparable.class));
        assertNotNull(cache.find("java.lang.Runnable")); // Comparable is now the least recently used
        cache.register("java.util.List", resolved(List.class));

        assertNull(cache.find("java.lang.Comparable"));
        assertNotNull(cache.find("java.lang.Runnable"));
        assertNotNull(cache.find("java.util.List"));
        assertEquals(list + runnable, cache.methods());
        assertTrue(comparable > 0 && list > comparable, "List declares more methods than Comparable");
    }

    @Test
    void neverKeepsATypeLargerThanTheWholeBudget() {
        SharedJdkTypePool.JdkTypesCache cache = new SharedJdkTypePool.JdkTypesCache(10, weight(List.class));
        cache.register("java.lang.Runnable", resolved(Runnable.class));
        TypePool.Resolution string = resolved(String.class);

        assertSame(string, cache.register("java.lang.String", string));
        assertNull(cache.find("java.lang.String"));
        assertNotNull(cache.find("java.lang.Runnable"), "nothing was evicted for it");
    }

    @Test
    void neverRemembersANameItCouldNotResolve() {
        SharedJdkTypePool.JdkTypesCache cache = new SharedJdkTypePool.JdkTypesCache(4, ANY_WEIGHT);
        TypePool.Resolution missing = new TypePool.Resolution.Illegal("com.example.AppType");
        assertSame(missing, cache.register("com.example.AppType", missing));
        assertNull(cache.find("com.example.AppType"));
        assertEquals(0, cache.size());
    }

    @Test
    void javaLangObjectIsAlwaysThereAndTakesNoRoom() {
        SharedJdkTypePool.JdkTypesCache cache = new SharedJdkTypePool.JdkTypesCache(1, ANY_WEIGHT);
        cache.register("java.lang.String", resolved(String.class));
        cache.register("java.lang.Runnable", resolved(Runnable.class));
        cache.clear();
        assertEquals("java.lang.Object", cache.find("java.lang.Object").resolve().getName());
        assertEquals(0, cache.size());
    }

    @Test
    void aSecondRegistrationOfTheSameNameKeepsTheFirst() {
        SharedJdkTypePool.JdkTypesCache cache = new SharedJdkTypePool.JdkTypesCache(4, ANY_WEIGHT);
        TypePool.Resolution first = resolved(String.class);
        assertSame(first, cache.register("java.lang.String", first));
        assertSame(first, cache.register("java.lang.String", resolved(String.class)));
    }
}
