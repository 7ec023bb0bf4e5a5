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
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.security.ProtectionDomain;

/**
 * Adds the JDBC advice to one matched class, by what it implements: a class may be a Statement
 * and a ResultSet at once (some drivers do that), so each role is checked on its own. The advice
 * is read once, when the module installs, and reused for every class.
 */
final class JdbcTransformer implements AgentBuilder.Transformer {
    private final AsmVisitorWrapper executeWithSql = AdviceReader.of(ExecuteSqlAdvice.class).on(JdbcTypes.executeWithSql());
    private final AsmVisitorWrapper executePrepared = AdviceReader.of(ExecutePreparedAdvice.class).on(JdbcTypes.executePrepared());
    private final AsmVisitorWrapper executeBatch = AdviceReader.of(ExecuteBatchAdvice.class).on(JdbcTypes.executeBatch());
    private final AsmVisitorWrapper addBatchWithSql = AdviceReader.of(AddBatchSqlAdvice.class).on(JdbcTypes.addBatchWithSql());
    private final AsmVisitorWrapper addBatchPrepared = AdviceReader.of(AddBatchAdvice.class).on(JdbcTypes.addBatchPrepared());
    private final AsmVisitorWrapper clearBatch = AdviceReader.of(ClearBatchAdvice.class).on(JdbcTypes.clearBatch());
    private final AsmVisitorWrapper prepare = AdviceReader.of(PrepareAdvice.class).on(JdbcTypes.prepare());
    private final AsmVisitorWrapper next = AdviceReader.of(ResultSetNextAdvice.class).on(JdbcTypes.next());
    private final Advice driverInternal = AdviceReader.of(DriverInternalAdvice.class);
    private final AsmVisitorWrapper connectionInternal = driverInternal.on(JdbcTypes.connectionMethods());
    private final AsmVisitorWrapper metaDataInternal = driverInternal.on(JdbcTypes.databaseMetaDataMethods());
    private final AsmVisitorWrapper connectInternal = driverInternal.on(JdbcTypes.driverConnect());
    private final AsmVisitorWrapper poolInternal = driverInternal.on(JdbcTypes.dataSourceGetConnection());

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain protectionDomain) {
        DynamicType.Builder<?> advised = builder;
        if (JdbcTypes.isStatement(type)) {
            advised = advised.visit(executeWithSql).visit(executePrepared).visit(executeBatch)
                    .visit(addBatchWithSql).visit(addBatchPrepared).visit(clearBatch);
        }
        if (JdbcTypes.isConnection(type)) {
            advised = advised.visit(prepare).visit(connectionInternal);
        }
        if (JdbcTypes.isDatabaseMetaData(type)) {
            advised = advised.visit(metaDataInternal);
        }
        if (JdbcTypes.isDriver(type)) {
            advised = advised.visit(connectInternal);
        }
        if (JdbcTypes.isDataSource(type)) {
            advised = advised.visit(poolInternal);
        }
        if (JdbcTypes.isResultSet(type)) {
            advised = advised.visit(next);
        }
        return advised;
    }
}
