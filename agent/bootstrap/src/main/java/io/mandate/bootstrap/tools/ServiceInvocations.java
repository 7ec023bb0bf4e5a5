package io.mandate.bootstrap.tools;

/**
 * An invocation of a framework's AI service (a LangChain4j {@code AiServices} proxy method), for
 * advice inlined into the framework, where the place the invocation starts is not the place its
 * messages are known: the invocation handler is entered with the method's raw arguments, and only
 * later, still inside it and before the model or any tool is called, has the framework rendered the
 * system and user messages (templates, providers, transformers).
 * <ul>
 *   <li>{@link #enter()} at the handler's entry pushes a frame for this thread;</li>
 *   <li>{@link #started} once the messages are known opens the chain and the chat step for the
 *   innermost frame that has none yet (see {@link ChatCalls}: a root chain outside any chain, a child
 *   chain inside a tool's step), so the purpose is the rendered system message's and the journal
 *   gets the rendered user message's digest;</li>
 *   <li>{@link #exit} at the handler's exit closes what the frame opened and pops it.</li>
 * </ul>
 * A frame whose messages never became known (a method the framework answers itself, a version
 * that no longer reports them) opens nothing; its tool executions are still steps.
 *
 * Frames nest: an AI service used inside a tool of another pushes its own frame. The thread local
 * is removed when the outermost frame exits, so no thread keeps anything after an invocation.
 *
 * Never throws: a failure here must not become the application's failure.
 */
public final class ServiceInvocations {
    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private ServiceInvocations() {
    }

    /** The frame to hand to {@link #exit}. */
    public static Object enter() {
        try {
            Frame frame = new Frame(CURRENT.get());
            CURRENT.set(frame);
            return frame;
        } catch (Throwable e) {
            return null;
        }
    }

    /** The invocation's messages are known: opens its chain and chat step, once per frame. */
    public static void started(String systemMessage, String userMessage) {
        try {
            Frame frame = CURRENT.get();
            if (frame == null || frame.started) {
                return;
            }
            frame.started = true;
            frame.scopes = ChatCalls.enter(systemMessage, userMessage);
        } catch (Throwable ignored) {
            // the invocation runs on without a chain of its own
        }
    }

    /** Closes what the frame opened, recording {@code thrown} (null for a result) on its step, and pops it. */
    public static void exit(Object frame, Throwable thrown) {
        if (!(frame instanceof Frame)) {
            return;
        }
        Frame exiting = (Frame) frame;
        try {
            ChatCalls.exit(exiting.scopes, thrown);
        } finally {
            if (exiting.previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(exiting.previous);
            }
        }
    }

    private static final class Frame {
        final Frame previous;
        boolean started;
        Object scopes;

        Frame(Frame previous) {
            this.previous = previous;
        }
    }
}
