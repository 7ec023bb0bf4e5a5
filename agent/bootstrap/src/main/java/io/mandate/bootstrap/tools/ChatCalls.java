package io.mandate.bootstrap.tools;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.Step;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

/**
 * A chat call of an agent framework (one request to a chat model, with the tool executions it
 * leads to), for advice inlined into the framework.
 * <ul>
 *   <li>Outside any chain it opens a root chain: the agent's configured identity, the purpose from
 *   {@link ChatPurpose} (configuration, else the system message).</li>
 *   <li>Inside a tool's step it opens a child chain of the step's chain: an agent used as a tool is
 *   work delegated to another agent, so its lineage and depth say so and revoking the caller's chain
 *   revokes it.</li>
 *   <li>Inside a chain and no tool it is part of that chain.</li>
 *   <li>Inside a chat step it is the same exchange (frameworks route one call through several
 *   layers), and opens nothing.</li>
 * </ul>
 * In every case the exchange itself is a step named {@value #CHAT_STEP} whose arguments digest is
 * the digest of the user message: the journal gets the digest, never the text. Calls the framework
 * makes for the exchange (the request to the model's API) are attributed to that step; tool
 * executions inside it are steps of their own.
 *
 * Never throws: a failure here must not become the application's failure.
 */
public final class ChatCalls {
    /** The tool name of the step a chat exchange runs in. */
    public static final String CHAT_STEP = "chat";

    private static volatile String configuredPurpose = "";

    private ChatCalls() {
    }

    /** The purpose every chain a chat call opens gets, when not empty (the agent's configuration). */
    public static void configurePurpose(String purpose) {
        configuredPurpose = purpose == null ? "" : purpose;
    }

    /** What to hand to {@link #exit}: the chain and step opened, or null when none was. */
    public static Object enter(String systemMessage, String userMessage) {
        Chain chain = null;
        try {
            ChainContext current = ContextHolder.current();
            if (current != null && CHAT_STEP.equals(current.tool())) {
                return null; // the same exchange through another layer (an overload delegating to another)
            }
            if (current == null) {
                chain = Mandate.openChain("", ChatPurpose.of(configuredPurpose, systemMessage), "");
            } else if (!current.tool().isEmpty()) {
                chain = Mandate.delegate("", ChatPurpose.of(configuredPurpose, systemMessage));
            }
            Step step = Mandate.openStep(CHAT_STEP, Mandate.digest(userMessage == null ? "" : userMessage));
            return new ChainAndStep(chain, step);
        } catch (Throwable e) {
            if (chain != null) {
                ChainAndStep.closeQuietly(chain);
            }
            return null;
        }
    }

    /** Closes what {@link #enter} opened, recording {@code thrown} (null for a response) on the step. */
    public static void exit(Object scopes, Throwable thrown) {
        ChainAndStep.close(scopes, thrown);
    }
}
