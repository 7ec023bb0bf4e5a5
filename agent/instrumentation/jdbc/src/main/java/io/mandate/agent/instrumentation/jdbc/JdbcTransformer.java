package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.jdbc.advice.AddBatchAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.AddBatchSqlAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.ClearBatchAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.DriverInternalAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.ExecuteBatchAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.ExecutePreparedAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.ExecuteSqlAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.PrepareAdvice;
import io.mandate.agent.instrumentation.jdbc.advice.ResultSetNextAdvice;
import io.mandate.agent.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Adds the JDBC advice to one matched class, by what it implements: a class may be a Statement
 * and a ResultSet at once (some drivers do that), so each role is checked on its own. The advice
 * is read once, when the first JDBC class is transformed, and reused for every class: no JDBC class
 * is loaded at premain, where reading the nine advices cost ~30 ms of the start. Reading it inside
 * a transformer loads no class (AdviceReader describes class files through a type pool).
 */
final class JdbcTransformer implements TypeTransformer {
    /** The advice, read together once. */
    private static final class Advised {
        final AsmVisitorWrapper executeWithSql = AdviceReader.of(ExecuteSqlAdvice.class).on(JdbcTypes.executeWithSql());
        final AsmVisitorWrapper executePrepared = AdviceReader.of(ExecutePreparedAdvice.class).on(JdbcTypes.executePrepared());
        final AsmVisitorWrapper executeBatch = AdviceReader.of(ExecuteBatchAdvice.class).on(JdbcTypes.executeBatch());
        final AsmVisitorWrapper addBatchWithSql = AdviceReader.of(AddBatchSqlAdvice.class).on(JdbcTypes.addBatchWithSql());
        final AsmVisitorWrapper addBatchPrepared = AdviceReader.of(AddBatchAdvice.class).on(JdbcTypes.addBatchPrepared());
        final AsmVisitorWrapper clearBatch = AdviceReader.of(ClearBatchAdvice.class).on(JdbcTypes.clearBatch());
        final AsmVisitorWrapper prepare = AdviceReader.of(PrepareAdvice.class).on(JdbcTypes.prepare());
        final AsmVisitorWrapper next = AdviceReader.of(ResultSetNextAdvice.class).on(JdbcTypes.next());
        final Advice driverInternal = AdviceReader.of(DriverInternalAdvice.class);
        final AsmVisitorWrapper connectionInternal = driverInternal.on(JdbcTypes.connectionMethods());
        final AsmVisitorWrapper metaDataInternal = driverInternal.on(JdbcTypes.databaseMetaDataMethods());
        final AsmVisitorWrapper connectInternal = driverInternal.on(JdbcTypes.driverConnect());
        final AsmVisitorWrapper poolInternal = driverInternal.on(JdbcTypes.dataSourceGetConnection());
    }

    private volatile Advised advised;

    private Advised advised() {
        Advised read = advised;
        if (read == null) {
            synchronized (this) {
                read = advised;
                if (read == null) {
                    read = new Advised();
                    advised = read;
                }
            }
        }
        return read;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type) {
        Advised a = advised();
        DynamicType.Builder<?> advisedType = builder;
        if (JdbcTypes.isStatement(type)) {
            advisedType = advisedType.visit(a.executeWithSql).visit(a.executePrepared).visit(a.executeBatch)
                    .visit(a.addBatchWithSql).visit(a.addBatchPrepared).visit(a.clearBatch);
        }
        if (JdbcTypes.isConnection(type)) {
            advisedType = advisedType.visit(a.prepare).visit(a.connectionInternal);
        }
        if (JdbcTypes.isDatabaseMetaData(type)) {
            advisedType = advisedType.visit(a.metaDataInternal);
        }
        if (JdbcTypes.isDriver(type)) {
            advisedType = advisedType.visit(a.connectInternal);
        }
        if (JdbcTypes.isDataSource(type)) {
            advisedType = advisedType.visit(a.poolInternal);
        }
        if (JdbcTypes.isResultSet(type)) {
            advisedType = advisedType.visit(a.next);
        }
        return advisedType;
    }
}
