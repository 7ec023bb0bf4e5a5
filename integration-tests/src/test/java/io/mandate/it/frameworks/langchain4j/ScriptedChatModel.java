package io.mandate.it.frameworks.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chat model with no network and no LLM: for a user message it answers with the tool calls its
 * script names for the first marker the message contains; the AI service runs them (LangChain4j's own
 * tool loop) and sends their results back, which the model answers as text. Compiled against
 * LangChain4j 1.11, run with 1.11 and 1.19.
 */
final class ScriptedChatModel implements ChatModel {
    /** marker in the user message → tool calls (name, JSON arguments) in order */
    private final Map<String, List<String[]>> script;

    ScriptedChatModel(Map<String, List<String[]>> script) {
        this.script = script;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        List<String> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage result; i--) {
            results.add(0, result.toolName() + "=" + result.text());
        }
        if (!results.isEmpty()) {
            return answer("answered: " + String.join("; ", results));
        }
        ChatMessage last = messages.get(messages.size() - 1);
        String user = last instanceof UserMessage message ? message.singleText() : "";
        for (Map.Entry<String, List<String[]>> entry : script.entrySet()) {
            if (user.contains(entry.getKey())) {
                List<ToolExecutionRequest> calls = new ArrayList<>();
                for (String[] call : entry.getValue()) {
                    calls.add(ToolExecutionRequest.builder().id("call-" + calls.size()).name(call[0]).arguments(call[1]).build());
                }
                return ChatResponse.builder().aiMessage(AiMessage.from(calls)).build();
            }
        }
        return answer("nothing to do");
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }
}
