package io.mandate.agent.instrumentation.jdbc.sql;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Block;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one parsed statement to its accesses: the statement's own target gets the statement's
 * operation, every other table it references is read ("select"). So {@code INSERT INTO a SELECT
 * * FROM b JOIN c} is insert a, select b, select c, and an UPDATE whose subquery reads its own
 * table is both update and select of it. Statement kinds it does not know become one unknown
 * access; transaction control touches no table and gives none.
 */
final class StatementAccesses {
    static final String SELECT = "select";
    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DELETE = "delete";
    static final String MERGE = "merge";
    static final String DDL = "ddl";
    static final String CALL = "call";

    private StatementAccesses() {
    }

    static void addTo(AccessList accesses, Statement statement) {
        if (statement instanceof Select select) {
            Map<Table, String> targets = new IdentityHashMap<>();
            if (select instanceof PlainSelect plain && plain.getIntoTables() != null) {
                // SELECT ... INTO new_table copies the rows into a table
                plain.getIntoTables().forEach(table -> targets.put(table, INSERT));
            }
            writeAndRead(accesses, statement, targets);
        } else if (statement instanceof Insert insert) {
            writeAndRead(accesses, statement, target(insert.getTable(), INSERT));
            if (updatesOnConflict(insert)) {
                accesses.add(UPDATE, name(insert.getTable()));
            }
        } else if (statement instanceof Update update) {
            Map<Table, String> targets = target(update.getTable(), UPDATE);
            // MySQL multi-table UPDATE a JOIN b SET b.x = ... may write any joined table
            addJoinedTables(targets, update.getStartJoins(), UPDATE);
            writeAndRead(accesses, statement, targets);
        } else if (statement instanceof Delete delete) {
            Map<Table, String> targets = target(delete.getTable(), DELETE);
            if (delete.getTables() != null) {
                delete.getTables().forEach(table -> targets.put(table, DELETE));
            }
            writeAndRead(accesses, statement, targets);
        } else if (statement instanceof Merge merge) {
            writeAndRead(accesses, statement, target(merge.getTable(), MERGE));
        } else if (statement instanceof Upsert upsert) {
            writeAndRead(accesses, statement, target(upsert.getTable(), MERGE));
        } else if (statement instanceof Execute execute) {
            accesses.add(CALL, TableNames.ofQualified(execute.getName()));
        } else if (statement instanceof ExplainStatement explain) {
            // EXPLAIN ANALYZE runs the statement: decide it as what it explains
            if (explain.getStatement() != null) {
                addTo(accesses, explain.getStatement());
            }
        } else if (statement instanceof Block block) {
            if (block.getStatements() != null) {
                block.getStatements().forEach(inner -> addTo(accesses, inner));
            }
        } else if (statement instanceof Commit || statement instanceof RollbackStatement
                || statement instanceof SavepointStatement) {
            return;
        } else {
            addDefinition(accesses, statement);
        }
    }

    /** DDL: ("ddl", object); a definition that copies or exposes data (CTAS, views) also reads its query's tables. */
    private static void addDefinition(AccessList accesses, Statement statement) {
        if (statement instanceof CreateTable create) {
            accesses.add(DDL, name(create.getTable()));
            readAll(accesses, create.getSelect());
        } else if (statement instanceof CreateView view) {
            accesses.add(DDL, name(view.getView()));
            readAll(accesses, view.getSelect());
        } else if (statement instanceof AlterView view) {
            accesses.add(DDL, name(view.getView()));
            readAll(accesses, view.getSelect());
        } else if (statement instanceof Alter alter) {
            accesses.add(DDL, name(alter.getTable()));
        } else if (statement instanceof Drop drop) {
            accesses.add(DDL, name(drop.getName()));
        } else if (statement instanceof Truncate truncate) {
            accesses.add(DDL, name(truncate.getTable()));
        } else if (statement instanceof CreateIndex index) {
            accesses.add(DDL, name(index.getTable()));
        } else if (statement instanceof RefreshMaterializedViewStatement refresh) {
            accesses.add(DDL, name(refresh.getView()));
        } else {
            accesses.add(ClassifiedSql.UNKNOWN, "");
        }
    }

    /** ON DUPLICATE KEY UPDATE (MySQL) and ON CONFLICT ... DO UPDATE (PostgreSQL) also update the target. */
    private static boolean updatesOnConflict(Insert insert) {
        if (insert.getDuplicateUpdateSets() != null && !insert.getDuplicateUpdateSets().isEmpty()) {
            return true;
        }
        return insert.getConflictAction() != null
                && insert.getConflictAction().getConflictActionType() == ConflictActionType.DO_UPDATE;
    }

    private static Map<Table, String> target(Table table, String operation) {
        Map<Table, String> targets = new IdentityHashMap<>();
        if (table != null) {
            targets.put(table, operation);
        }
        return targets;
    }

    private static void addJoinedTables(Map<Table, String> targets, List<Join> joins, String operation) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            if (join.getFromItem() instanceof Table table) {
                targets.put(table, operation);
            }
        }
    }

    private static void writeAndRead(AccessList accesses, Statement statement, Map<Table, String> targets) {
        targets.forEach((table, operation) -> accesses.add(operation, name(table)));
        TableReferenceCollector collector = new TableReferenceCollector().collect(statement);
        accesses.cteNames(collector.cteNames());
        accesses.functionCalls(collector.functionNames());
        for (Table table : collector.references()) {
            if (!targets.containsKey(table)) {
                accesses.add(SELECT, name(table));
            }
        }
        collector.nestedStatements().forEach(nested -> addTo(accesses, nested));
    }

    private static void readAll(AccessList accesses, Select select) {
        if (select != null) {
            writeAndRead(accesses, select, new IdentityHashMap<>());
        }
    }

    static String name(Table table) {
        return table == null ? "" : TableNames.of(table.getSchemaName(), table.getName());
    }
}
