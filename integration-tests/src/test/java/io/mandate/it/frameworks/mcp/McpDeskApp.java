package io.mandate.it.frameworks.mcp;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;
import io.mandate.it.frameworks.desk.DeskTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;
import java.util.Map;

/**
 * A desk-tools MCP server (synchronous tool handlers that touch JDBC, HTTP and files) and an MCP client
 * agent that calls it in-process ({@link InProcessTransport}), with no line of Mandate code in either
 * except where ticket 104 opens a chain of its own with the API. Calls:
 * <ul>
 *   <li>101: lookup_customer, fetch_kb, read_runbook, each outside any chain;</li>
 *   <li>102 and 105, what a prompt injection would make a client call: read_salaries and export_customers;</li>
 *   <li>104: lookup_customer inside a chain the application opened itself;</li>
 *   <li>106: lookup_customer to a second server that runs its handlers as the SDK does by default, on a worker
 *   of Reactor's bounded-elastic scheduler.</li>
 * </ul>
 * Each call's outcome is recorded; the tools record their context and outcome (see {@link DeskTools}).
 *
 * Arguments: the desk fixture's app arguments.
 */
public final class McpDeskApp {
    private McpDeskApp() {
    }

    public static void main(String[] args) {
        DeskTools desk = new DeskTools(args);
        InProcessTransport transport = new InProcessTransport();
        McpSyncServer server = server(transport, desk, true);
        McpSyncClient client = McpClient.sync(transport.client()).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();

        call(client, "101", "lookup_customer", Map.of("id", 2));
        call(client, "101", "fetch_kb", Map.of("topic", "login"));
        call(client, "101", "read_runbook", Map.of("name", "login.md"));
        call(client, "102", "read_salaries", Map.of());
        call(client, "105", "export_customers", Map.of());
        try (Chain chain = Mandate.openChain("desk-reviewer", "review ticket 104", "ops")) {
            Observations.record("104.appChain", chain.id());
            call(client, "104", "lookup_customer", Map.of("id", 3));
        }
        client.closeGracefully();
        server.closeGracefully();

        // The SDK's default: the server runs each handler on a worker of Reactor's bounded-elastic scheduler.
        InProcessTransport pooled = new InProcessTransport();
        McpSyncServer pooledServer = server(pooled, desk, false);
        McpSyncClient pooledClient = McpClient.sync(pooled.client()).requestTimeout(Duration.ofSeconds(60)).build();
        pooledClient.initialize();
        call(pooledClient, "106", "lookup_customer", Map.of("id", 1));
        pooledClient.closeGracefully();
        pooledServer.closeGracefully();
        Observations.record("done", "yes");
    }

    private static McpSyncServer server(InProcessTransport transport, DeskTools desk, boolean onTheCallersThread) {
        return McpServer.sync(transport.server())
                .serverInfo("desk-tools", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .immediateExecution(onTheCallersThread)
                .tools(tool(transport, "lookup_customer", "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}",
                                arguments -> desk.lookupCustomer(((Number) arguments.get("id")).intValue())),
                        tool(transport, "fetch_kb", "{\"type\":\"object\",\"properties\":{\"topic\":{\"type\":\"string\"}}}",
                                arguments -> desk.fetchArticle((String) arguments.get("topic"))),
                        tool(transport, "read_runbook", "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}",
                                arguments -> desk.readRunbook((String) arguments.get("name"))),
                        tool(transport, "read_salaries", "{\"type\":\"object\"}", arguments -> desk.readSalaries()),
                        tool(transport, "export_customers", "{\"type\":\"object\"}", arguments -> desk.exportCustomers()))
                .build();
    }

    private static void call(McpSyncClient client, String ticket, String tool, Map<String, Object> arguments) {
        try {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
            Observations.record(ticket + ".answer", (Boolean.TRUE.equals(result.isError()) ? "error " : "")
                    + ((McpSchema.TextContent) result.content().get(0)).text());
        } catch (RuntimeException e) {
            Observations.record(ticket + ".answer", "failed " + e);
        }
        Observations.record(ticket + ".after", Mandate.current().map(c -> c.chainId()).orElse("none"));
    }

    /** A synchronous tool whose handler runs {@code body} on the call's arguments. */
    private static McpServerFeatures.SyncToolSpecification tool(InProcessTransport transport, String name, String schema,
                                                               ToolBody body) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description(name.replace('_', ' ')).inputSchema(transport.json(), schema).build())
                .callHandler((exchange, request) -> {
                    try {
                        return McpSchema.CallToolResult.builder().addTextContent(body.run(request.arguments())).build();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .build();
    }

    /** A tool's work on its arguments. */
    interface ToolBody {
        String run(Map<String, Object> arguments) throws Exception;
    }
}
