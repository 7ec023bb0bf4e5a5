package io.mandate.samples.langchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;

/**
 * A support agent built on LangChain4j, with no line of Mandate code: an AI service over a scripted
 * chat model (no LLM, no network) with plain {@code @Tool} methods on an embedded H2 support desk.
 * Under the Mandate agent every ticket it answers is a chain (purpose: the service's system message),
 * every tool execution a step, and the policy decides each tool's SQL and HTTP by the tool's name.
 *
 * Ticket #202 carries a prompt injection: its text tells the model to export every customer and post
 * the list to the attacker's address. The scripted model obeys, through two tools it legitimately has
 * (export_customers, post_webhook). The attacker's collection server is simulated on loopback so the
 * demo can show what would have left: under the agent in enforce mode both calls fail with the
 * exceptions their APIs declare (an SQLException with SQLState 42501, an IOException) and nothing
 * arrives; in audit mode they run, the customer list arrives, and the journal records both denials.
 *
 * Run it under the agent:
 * {@code java -javaagent:mandate-agent.jar=policy=support-agent.mandate,mode=enforce,agent=support-agent -cp ... SupportAgent}
 */
public final class SupportAgent {
    static final String SYSTEM = "You answer customer support tickets for the Acme shop. Be brief and polite,"
            + " and leave a note on every ticket you answer.";

    /** The AI service: LangChain4j implements it with the model and the tools. */
    public interface SupportAssistant {
        @SystemMessage(SYSTEM)
        String answer(String request);
    }

    private SupportAgent() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        PrintStream out = System.out;
        List<String> collected = new CopyOnWriteArrayList<>();
        HttpServer collector = attackersCollector(collected);
        String collectorUrl = "http://127.0.0.1:" + collector.getAddress().getPort() + "/collect";
        out.println();
        out.println("=== LangChain4j support agent" + (args.length > 0 ? " (" + args[0] + ")" : "") + " ===");
        // The seed runs inside H2 when the agent connects: the database's start-up, not a tool call.
        String url = "jdbc:h2:mem:support-agent;DB_CLOSE_DELAY=-1;INIT=SET @COLLECTOR = '" + collectorUrl
                + "'\\;RUNSCRIPT FROM 'classpath:support-agent-seed.sql'";
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            SupportAssistant assistant = AiServices.builder(SupportAssistant.class)
                    .chatModel(new ScriptedSupportModel())
                    .tools(new TicketTools(db, out))
                    .build();
            for (String ticket : List.of("201", "202")) {
                out.println("ticket #" + ticket);
                out.println("  answer: " + assistant.answer("Please answer ticket #" + ticket + ".").replace('\n', ' '));
            }
        } finally {
            collector.stop(0);
        }
        if (collected.isEmpty()) {
            out.println("the attacker's server received nothing");
        } else {
            out.println("!! the attacker's server received the customer list: " + String.join(" / ", collected));
        }
    }

    /** Stands in for the attacker's site the injected ticket names: records what is posted to it. */
    private static HttpServer attackersCollector(List<String> collected) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/collect", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                collected.add(new String(body.readAllBytes(), StandardCharsets.UTF_8).replace('\n', ';'));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
