package io.mandate.agent.instrumentation.jdbc;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcDatabaseMetaData;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import static net.bytebuddy.matcher.ElementMatchers.isOverriddenFrom;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDBC interfaces' methods, found as Byte Buddy's {@code isOverriddenFrom} finds them, for less. */
class InterfaceMethodMatcherTest {
    /** Described from class files, as the agent's transformer sees a class that is loading. */
    private final TypePool classFiles = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());

    @Test
    void matchesTheMethodsIsOverriddenFromMatchesOnRealDriverClasses() {
        assertSameMethods(JdbcConnection.class.getName(), JdbcTypes.CONNECTION);
        assertSameMethods(JdbcDatabaseMetaData.class.getName(), JdbcTypes.DATABASE_METADATA);
        assertSameMethods(JdbcDataSource.class.getName(), JdbcTypes.DATA_SOURCE);
    }

    @Test
    void aCovariantOverrideIsMatchedThroughItsBridgeAndTheExtrasAreNot() {
        TypeDescription type = classFiles.describe(CovariantConnection.class.getName()).resolve();
        ElementMatcher<MethodDescription> matcher = new InterfaceMethodMatcher(JdbcTypes.CONNECTION);
        List<String> matched = type.getDeclaredMethods().filter(matcher).stream()
                .map(m -> m.getInternalName() + m.getDescriptor()).sorted().collect(Collectors.toList());
        // createStatement() returning the subtype compiles to that method plus a bridge with
        // Connection's descriptor: the bridge is the override the JVM dispatches to.
        assertTrue(matched.contains("createStatement()Ljava/sql/Statement;"), matched.toString());
        assertFalse(matched.contains("createStatement()L" + OwnStatement.class.getName().replace('.', '/') + ";"),
                matched.toString());
        assertFalse(matched.stream().anyMatch(m -> m.startsWith("runOwnSql")), "an implementation's own extra");
        assertFalse(matched.stream().anyMatch(m -> m.startsWith("helper")), "a static method");
    }

    @Test
    void aTypeOutsideTheInterfaceMatchesNothingAndLeavesTheMatcherUnsettled() {
        InterfaceMethodMatcher matcher = new InterfaceMethodMatcher(JdbcTypes.CONNECTION);
        TypeDescription unrelated = classFiles.describe(String.class.getName()).resolve();
        assertTrue(unrelated.getDeclaredMethods().filter(matcher).isEmpty());
        TypeDescription driverConnection = classFiles.describe(JdbcConnection.class.getName()).resolve();
        assertFalse(driverConnection.getDeclaredMethods().filter(matcher).isEmpty(),
                "a first unrelated type must not leave the matcher without the interface's methods");
    }

    private void assertSameMethods(String typeName, String interfaceName) {
        TypeDescription type = classFiles.describe(typeName).resolve();
        List<String> expected = names(type, isOverriddenFrom(named(interfaceName)));
        List<String> actual = names(type, new InterfaceMethodMatcher(interfaceName));
        assertFalse(expected.isEmpty(), typeName);
        assertEquals(expected, actual, typeName);
    }

    private static List<String> names(TypeDescription type, ElementMatcher<? super MethodDescription> matcher) {
        return type.getDeclaredMethods().filter(method -> method.isMethod() && !method.isStatic() && matcher.matches(method))
                .stream().map(m -> m.getInternalName() + m.getDescriptor()).sorted().collect(Collectors.toList());
    }

    /** A statement type of a driver's own, returned covariantly. */
    interface OwnStatement extends Statement {
    }

    /** A driver's connection narrowing a return type, with an extra instance and a static method. */
    abstract static class CovariantConnection implements Connection {
        @Override
        public abstract OwnStatement createStatement() throws SQLException;

        public void runOwnSql(String sql) {
        }

        static void helper() {
        }
    }
}
