package io.mandate.policy;

/** The kinds of call a policy decides. The keyword is how the policy language spells it. */
public enum Kind {
    JDBC("jdbc"), HTTP("http"), NET("net"), FILE("file"), PROCESS("process");

    private final String keyword;

    Kind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
