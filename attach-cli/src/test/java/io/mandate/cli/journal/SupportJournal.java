package io.mandate.cli.journal;

import java.nio.file.Path;

/**
 * The journal most CLI tests read: a support bot's root chain with two steps, a researcher chain
 * it delegated, a chain delegated from that one (depth 3), a flagged call and a call outside any
 * chain. Times are {@link JournalFixture#T0} plus the seconds given.
 */
public final class SupportJournal {
    public static final String SALARY_RULE = "desk.mandate:9";

    private SupportJournal() {
    }

    public static void write(Path directory) {
        try (JournalFixture j = JournalFixture.create(directory)) {
            j.chain("support-bot", "c1", "", "c1", 1, "answer ticket 42", "dana")
                    .step("s1", "lookup_customer")
                    .allow(1, "jdbc", "SELECT name FROM customers WHERE id = ?", "select customers")
                    .call(2, "jdbc", "SELECT * FROM orders", "FLAG", "desk.mandate:10", "orders are rarely needed", java.util.List.of("select orders"))
                    .step("s2", "add_note")
                    .allow(3, "jdbc", "INSERT INTO ticket_notes VALUES (?)", "insert ticket_notes");
            j.chain("support-researcher", "c2", "c1", "c1", 2, "find related tickets", "dana")
                    .step("s3", "search_tickets")
                    .allow(4, "jdbc", "SELECT id FROM tickets", "select tickets")
                    .step("s4", "read_payroll")
                    .deny(5, "jdbc", "SELECT * FROM salaries", SALARY_RULE, "salary data is outside the support purpose",
                            "select salaries");
            j.chain("support-researcher", "c3", "c2", "c1", 3, "dig deeper", "dana")
                    .allow(6, "jdbc", "SELECT id FROM kb_articles", "select kb_articles")
                    .closeChain("c3").closeChain("c2").closeChain("c1");
            j.noChain("support-bot").allow(7, "http", "https://kb.example/articles/1", "GET https://kb.example/articles/1");
        }
    }
}
