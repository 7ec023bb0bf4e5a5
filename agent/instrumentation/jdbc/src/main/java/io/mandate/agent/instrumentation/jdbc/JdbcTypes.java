package io.mandate.agent.instrumentation.jdbc;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Which classes and methods the JDBC instrumentation advises, as Byte Buddy descriptions (never
 * loading a class). Any driver, so no name pre-filter on the drivers themselves: the cheap name
 * exclusions run first, then one walk of the type hierarchy for the three java.sql interfaces.
 */
final class JdbcTypes {
    static final String STATEMENT = "java.sql.Statement";
    static final String CONNECTION = "java.sql.Connection";
    static final String RESULT_SET = "java.sql.ResultSet";
    static final String DATABASE_METADATA = "java.sql.DatabaseMetaData";
    static final String DRIVER = "java.sql.Driver";
    static final String DATA_SOURCE = "javax.sql.DataSource";

    private JdbcTypes() {
    }

    /**
     * Concrete or abstract classes implementing Statement, Connection, ResultSet, DatabaseMetaData,
     * Driver or DataSource (an abstract
     * base class often holds the execute methods its driver's concrete classes inherit). Skips the
     * agent itself, Byte Buddy, other agents' internals, JDK proxies (they live in dynamic named
     * modules that cannot read the bridge, and only delegate to a real driver class anyway).
     */
    static ElementMatcher.Junction<TypeDescription> candidates() {
        return not(isInterface())
                .and(not(nameStartsWith("io.mandate.")))
                .and(not(nameStartsWith("net.bytebuddy.")))
                .and(not(nameStartsWith("java.")))
                .and(not(nameStartsWith("jdk.")))
                .and(not(nameStartsWith("sun.")))
                .and(not(nameStartsWith("com.sun.proxy.")))
                .and(not(nameStartsWith("io.opentelemetry.javaagent.")))
                .and(not(nameStartsWith("datadog.trace.")))
                .and(not(nameStartsWith("com.newrelic.agent.")))
                .and(not(nameStartsWith("co.elastic.apm.agent.")))
                .and(hasSuperType(namedOneOf(STATEMENT, CONNECTION, RESULT_SET, DATABASE_METADATA, DRIVER,
                        DATA_SOURCE)));
    }

    static boolean isStatement(TypeDescription type) {
        return hasSuperType(named(STATEMENT)).matches(type);
    }

    static boolean isConnection(TypeDescription type) {
        return hasSuperType(named(CONNECTION)).matches(type);
    }

    static boolean isResultSet(TypeDescription type) {
        return hasSuperType(named(RESULT_SET)).matches(type);
    }

    static boolean isDatabaseMetaData(TypeDescription type) {
        return hasSuperType(named(DATABASE_METADATA)).matches(type);
    }

    static boolean isDriver(TypeDescription type) {
        return hasSuperType(named(DRIVER)).matches(type);
    }

    static boolean isDataSource(TypeDescription type) {
        return hasSuperType(named(DATA_SOURCE)).matches(type);
    }

    private static ElementMatcher.Junction<MethodDescription> instanceMethod(String... names) {
        return isMethod().and(not(isStatic())).and(not(isAbstract())).and(namedOneOf(names));
    }

    /** execute / executeQuery / executeUpdate / executeLargeUpdate (String sql, ...). */
    static ElementMatcher.Junction<MethodDescription> executeWithSql() {
        return instanceMethod("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
                .and(takesArgument(0, String.class));
    }

    /** The same methods without SQL: a PreparedStatement / CallableStatement running its prepared SQL. */
    static ElementMatcher.Junction<MethodDescription> executePrepared() {
        return instanceMethod("execute", "executeQuery", "executeUpdate", "executeLargeUpdate").and(takesArguments(0));
    }

    static ElementMatcher.Junction<MethodDescription> executeBatch() {
        return instanceMethod("executeBatch", "executeLargeBatch").and(takesArguments(0));
    }

    static ElementMatcher.Junction<MethodDescription> addBatchWithSql() {
        return instanceMethod("addBatch").and(takesArguments(String.class));
    }

    static ElementMatcher.Junction<MethodDescription> addBatchPrepared() {
        return instanceMethod("addBatch").and(takesArguments(0));
    }

    static ElementMatcher.Junction<MethodDescription> clearBatch() {
        return instanceMethod("clearBatch").and(takesArguments(0));
    }

    /** prepareStatement / prepareCall (String sql, ...) returning the statement. */
    static ElementMatcher.Junction<MethodDescription> prepare() {
        return instanceMethod("prepareStatement", "prepareCall").and(takesArgument(0, String.class))
                .and(not(returns(void.class)));
    }

    /** Methods of java.sql.Connection (not an implementation's own extras, which may run application SQL). */
    static ElementMatcher.Junction<MethodDescription> connectionMethods() {
        return isMethod().and(not(isStatic())).and(not(isAbstract())).and(new InterfaceMethodMatcher(CONNECTION));
    }

    static ElementMatcher.Junction<MethodDescription> databaseMetaDataMethods() {
        return isMethod().and(not(isStatic())).and(not(isAbstract())).and(new InterfaceMethodMatcher(DATABASE_METADATA));
    }

    static ElementMatcher.Junction<MethodDescription> driverConnect() {
        return instanceMethod("connect").and(takesArguments(2)).and(takesArgument(0, String.class));
    }

    /** A pool's getConnection validates and initialises connections with statements of its configuration. */
    static ElementMatcher.Junction<MethodDescription> dataSourceGetConnection() {
        return instanceMethod("getConnection").and(new InterfaceMethodMatcher(DATA_SOURCE));
    }

    static ElementMatcher.Junction<MethodDescription> next() {
        return instanceMethod("next").and(takesArguments(0)).and(returns(boolean.class));
    }
}
