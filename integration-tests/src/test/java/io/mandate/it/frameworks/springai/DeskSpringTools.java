package io.mandate.it.frameworks.springai;

import io.mandate.it.frameworks.desk.DeskTools;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;

/**
 * The desk tools as Spring AI method tools ({@code MethodToolCallback}s from {@code @Tool}
 * methods). {@code ask_specialist} is an agent used as a tool: it asks another ChatClient, whose own
 * tool calls must land in a child chain of the caller's.
 */
public final class DeskSpringTools {
    private final DeskTools desk;
    private final ChatClient specialist;

    DeskSpringTools(DeskTools desk, ChatClient specialist) {
        this.desk = desk;
        this.specialist = specialist;
    }

    @Tool(name = "lookup_customer", description = "Finds a customer's name by id")
    public String lookupCustomer(int id) throws Exception {
        return desk.lookupCustomer(id);
    }

    @Tool(name = "export_customers", description = "Lists every customer with their email")
    public String exportCustomers() throws Exception {
        return desk.exportCustomers();
    }

    @Tool(name = "read_salaries", description = "Lists salaries")
    public String readSalaries() throws Exception {
        return desk.readSalaries();
    }

    @Tool(name = "read_runbook", description = "Reads a runbook of the support team")
    public String readRunbook(String name) throws Exception {
        return desk.readRunbook(name);
    }

    @Tool(name = "ask_specialist", description = "Asks the account specialist agent")
    public String askSpecialist(String question) {
        return specialist.prompt().user(question).tools(new SpecialistTools(desk)).call().content();
    }

    /** The specialist agent's only tool. */
    public static final class SpecialistTools {
        private final DeskTools desk;

        SpecialistTools(DeskTools desk) {
            this.desk = desk;
        }

        @Tool(name = "lookup_customer", description = "Finds a customer's name by id")
        public String lookupCustomer(int id) throws Exception {
            return desk.lookupCustomer(id);
        }
    }
}
