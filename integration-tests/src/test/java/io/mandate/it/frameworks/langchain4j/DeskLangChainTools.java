package io.mandate.it.frameworks.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import io.mandate.it.frameworks.desk.DeskTools;

/**
 * The desk tools as LangChain4j {@code @Tool} methods (run by its {@code DefaultToolExecutor}).
 * {@code ask_specialist} is an agent used as a tool: it asks another AI service, whose own tool calls
 * must land in a child chain of the caller's.
 */
public final class DeskLangChainTools {
    private final DeskTools desk;
    private final LangChain4jDeskApp.Specialist specialist;

    DeskLangChainTools(DeskTools desk, LangChain4jDeskApp.Specialist specialist) {
        this.desk = desk;
        this.specialist = specialist;
    }

    @Tool(name = "lookup_customer", value = "Finds a customer's name by id")
    public String lookupCustomer(int id) throws Exception {
        return desk.lookupCustomer(id);
    }

    @Tool(name = "export_customers", value = "Lists every customer with their email")
    public String exportCustomers() throws Exception {
        return desk.exportCustomers();
    }

    @Tool(name = "read_salaries", value = "Lists salaries")
    public String readSalaries() throws Exception {
        return desk.readSalaries();
    }

    @Tool(name = "read_runbook", value = "Reads a runbook of the support team")
    public String readRunbook(String name) throws Exception {
        return desk.readRunbook(name);
    }

    @Tool(name = "ask_specialist", value = "Asks the account specialist agent")
    public String askSpecialist(String question) {
        return specialist.ask(question);
    }

    /** The specialist agent's tools: its own lookup, and the auditor agent. */
    public static final class SpecialistTools {
        private final DeskTools desk;
        private final LangChain4jDeskApp.Auditor auditor;

        SpecialistTools(DeskTools desk, LangChain4jDeskApp.Auditor auditor) {
            this.desk = desk;
            this.auditor = auditor;
        }

        @Tool(name = "lookup_customer", value = "Finds a customer's name by id")
        public String lookupCustomer(int id) throws Exception {
            return desk.lookupCustomer(id);
        }

        @Tool(name = "ask_auditor", value = "Asks the auditor agent")
        public String askAuditor(String question) {
            return auditor.ask(question);
        }
    }

    /** The auditor agent's only tool. */
    public static final class AuditorTools {
        private final DeskTools desk;

        AuditorTools(DeskTools desk) {
            this.desk = desk;
        }

        @Tool(name = "lookup_customer", value = "Finds a customer's name by id")
        public String lookupCustomer(int id) throws Exception {
            return desk.lookupCustomer(id);
        }
    }
}
