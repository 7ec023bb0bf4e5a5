package io.mandate.it.frameworks.springai;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A chat model with no network and no LLM: for a user message it answers with the tool calls its
 * script names for the first marker the message contains, runs them with Spring AI's own
 * {@link ToolCallingManager} (as the provider models do), and answers the tools' results as text.
 * Compiled against Spring AI 1.1, run with 1.1 and 2.0.
 */
final class ScriptedChatModel implements ChatModel {
    /** marker in the user message → tool calls (name, JSON arguments) in order */
    private final Map<String, List<String[]>> script;
    private final ToolCallingManager tools = ToolCallingManager.builder().build();

    ScriptedChatModel(Map<String, List<String[]>> script) {
        this.script = script;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        ChatResponse response = reply(prompt);
        while (response.hasToolCalls()) {
            ToolExecutionResult result = tools.executeToolCalls(prompt, response);
            prompt = new Prompt(result.conversationHistory(), prompt.getOptions());
            response = reply(prompt);
        }
        return response;
    }

    private ChatResponse reply(Prompt prompt) {
        List<Message> messages = prompt.getInstructions();
        Message last = messages.get(messages.size() - 1);
        if (last instanceof ToolResponseMessage results) {
            return answer("answered: " + results.getResponses().stream()
                    .map(r -> r.name() + "=" + r.responseData()).collect(Collectors.joining("; ")));
        }
        String user = last instanceof UserMessage ? last.getText() : "";
        for (Map.Entry<String, List<String[]>> entry : script.entrySet()) {
            if (user.contains(entry.getKey())) {
                List<AssistantMessage.ToolCall> calls = new ArrayList<>();
                for (String[] call : entry.getValue()) {
                    calls.add(new AssistantMessage.ToolCall("call-" + calls.size(), "function", call[0], call[1]));
                }
                return new ChatResponse(List.of(new Generation(AssistantMessage.builder().content("").toolCalls(calls).build())));
            }
        }
        return answer("nothing to do");
    }

    private static ChatResponse answer(String text) {
        return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
    }

    /** Tool-calling options, so ChatClient hands the request's tools to this model. */
    @Override
    public ChatOptions getDefaultOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    /** Spring AI 2.0 asks this one (no such method in 1.1, hence no @Override). */
    public ChatOptions getOptions() {
        return getDefaultOptions();
    }
}
