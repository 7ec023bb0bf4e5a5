package io.mandate.it.frameworks.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * An MCP client and server in one JVM, joined without a network: each JSON-RPC message is written as
 * JSON and read back (as a real transport would carry it) and handed to the other side on the sender's
 * thread. With a server built with {@code immediateExecution(true)} a client's {@code callTool} runs the
 * server's tool handler on the calling thread: the server is an agent the caller uses in-process.
 * Only the SDK's public transport interfaces are implemented, the same in 1.x and 2.x.
 */
final class InProcessTransport {
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private volatile McpServerSession.Factory sessions;
    private volatile McpServerSession session;
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> clientHandler;

    private final McpServerTransport serverSide = new McpServerTransport() {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.defer(() -> clientHandler.apply(Mono.just(carried(message))).then());
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return json.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    };

    McpServerTransportProvider server() {
        return new McpServerTransportProvider() {
            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                sessions = factory;
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                McpServerSession open = session;
                return open == null ? Mono.empty() : open.sendNotification(method, params);
            }

            @Override
            public Mono<Void> closeGracefully() {
                McpServerSession open = session;
                return open == null ? Mono.empty() : open.closeGracefully();
            }
        };
    }

    McpClientTransport client() {
        return new McpClientTransport() {
            @Override
            public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
                clientHandler = handler;
                session = sessions.create(serverSide);
                return Mono.empty();
            }

            @Override
            public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
                return Mono.defer(() -> session.handle(carried(message)));
            }

            @Override
            public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
                return json.convertValue(data, type);
            }

            @Override
            public Mono<Void> closeGracefully() {
                return Mono.empty();
            }
        };
    }

    McpJsonMapper json() {
        return json;
    }

    /** The message as the other side reads it off the wire. */
    private McpSchema.JSONRPCMessage carried(McpSchema.JSONRPCMessage message) {
        try {
            return McpSchema.deserializeJsonRpcMessage(json, json.writeValueAsString(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
