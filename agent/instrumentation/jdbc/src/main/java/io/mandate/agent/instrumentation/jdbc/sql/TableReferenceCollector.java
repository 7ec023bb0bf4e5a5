package io.mandate.agent.instrumentation.jdbc.sql;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every table node a statement references, walking JSqlParser's tree with its stock finder but
 * with correct CTE scoping. The stock finder hides any table whose name equals a CTE or subquery
 * alias anywhere in the statement, which would let {@code WITH salaries AS (SELECT * FROM
 * salaries) ...} or {@code (SELECT 1) salaries} hide a real read from the policy: here a CTE name
 * hides only bare references inside its scope, and never inside its own body unless RECURSIVE.
 *
 * Data-modifying CTEs ({@code WITH d AS (DELETE FROM t RETURNING *)}) are handed back as nested
 * statements for the caller to classify as writes. One instance per statement; not thread-safe.
 */
final class TableReferenceCollector extends TablesNamesFinder<Void> {
    private final Map<Table, Boolean> seen = new IdentityHashMap<>();
    private final List<Table> references = new ArrayList<>();
    private final List<Statement> nestedStatements = new ArrayList<>();
    private final List<String> functionNames = new ArrayList<>();
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();
    private final Set<String> allCteNames = new HashSet<>();

    /** Collects the references of {@code statement}; returns this for the results. */
    TableReferenceCollector collect(Statement statement) {
        init(false);
        statement.accept(this, null);
        return this;
    }

    /** Table nodes in first-visited order, each node once (the same name may appear as several nodes). */
    List<Table> references() {
        return references;
    }

    List<Statement> nestedStatements() {
        return nestedStatements;
    }

    /** Every function the statement calls (in expressions and in FROM), normalized like tables. */
    List<String> functionNames() {
        return functionNames;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.Function function, S context) {
        if (function.getName() != null) {
            functionNames.add(TableNames.ofQualified(function.getName()));
        }
        return super.visit(function, context);
    }

    /** Every CTE name defined anywhere in the statement, normalized. */
    Set<String> cteNames() {
        return allCteNames;
    }

    @Override
    public <S> Void visit(Table table, S context) {
        if (table.getName() == null || isCteReference(table)) {
            return null;
        }
        if (seen.put(table, Boolean.TRUE) == null) {
            references.add(table);
        }
        return null;
    }

    private boolean isCteReference(Table table) {
        String schema = table.getSchemaName();
        if (schema != null && !schema.isEmpty()) {
            return false;
        }
        String name = TableNames.unquote(table.getName());
        for (Set<String> scope : cteScopes) {
            if (scope.contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <S> Void visit(WithItem<?> withItem, S context) {
        Set<String> scope = currentScope();
        String name = TableNames.unquote(withItem.getAliasName());
        allCteNames.add(name);
        if (withItem.isRecursive()) {
            scope.add(name);
        }
        Object body = withItem.getParenthesedStatement();
        if (body instanceof ParenthesedSelect select) {
            select.accept((net.sf.jsqlparser.statement.select.SelectVisitor<Void>) this, context);
        } else if (body instanceof ParenthesedInsert insert) {
            nestedStatements.add(insert.getInsert());
        } else if (body instanceof ParenthesedUpdate update) {
            nestedStatements.add(update.getUpdate());
        } else if (body instanceof ParenthesedDelete delete) {
            nestedStatements.add(delete.getDelete());
        } else if (body instanceof Statement statement) {
            nestedStatements.add(statement);
        }
        scope.add(name);
        return null;
    }

    private Set<String> currentScope() {
        if (cteScopes.isEmpty()) {
            cteScopes.push(new HashSet<>());
        }
        return cteScopes.peek();
    }

    @Override
    public <S> Void visit(Select select, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(select, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(PlainSelect select, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(select, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(SetOperationList list, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(list, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(select, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(Insert insert, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(insert, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(Update update, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(update, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(Delete delete, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(delete, context);
        } finally {
            cteScopes.pop();
        }
    }

    @Override
    public <S> Void visit(Merge merge, S context) {
        cteScopes.push(new HashSet<>());
        try {
            return super.visit(merge, context);
        } finally {
            cteScopes.pop();
        }
    }
}
