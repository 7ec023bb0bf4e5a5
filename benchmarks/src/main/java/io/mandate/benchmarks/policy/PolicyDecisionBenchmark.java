package io.mandate.benchmarks.policy;

import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;
import io.mandate.policy.testing.PolicyGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * How long one policy decision takes, as the agent makes it: reset the thread's request, fill
 * it, decide. The example policy is the support.mandate; the large one is a generated
 * 1,000-rule policy whose rules all apply to the benchmarked agent.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar Policy -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PolicyDecisionBenchmark {
    static final String EXAMPLE = String.join("\n",
            "policy \"support-desk\"",
            "default deny",
            "agent \"support-*\" {",
            "  purpose \"answer customer support tickets\"",
            "  allow jdbc select on customers, tickets, public.ticket_notes",
            "  allow jdbc insert, update on ticket_notes when tool in [\"add_note\", \"close_ticket\"]",
            "  deny  jdbc * on salaries, payroll reason \"salary data is outside the support purpose\"",
            "  flag  jdbc select on orders reason \"orders are rarely needed for support\"",
            "  allow http GET, POST to \"https://api.helpdesk.example/**\"",
            "  allow http GET to \"http://127.0.0.1:*/kb/**\"",
            "  allow net connect to \"127.0.0.1:5432\"",
            "  allow file read \"/srv/kb/**\"",
            "  allow file write, create \"/var/log/support-bot/**\"",
            "  deny  file delete \"**\" reason \"agents never delete files\"",
            "  deny  process exec \"*\"",
            "  limit jdbc rows 10000 per chain",
            "  limit http requests 20 per second per agent",
            "  limit file bytes-read 50MB per chain",
            "}",
            "agent \"*\" {",
            "  allow jdbc select on kb_articles unless chain.depth > 2",
            "}", "");

    private CompiledPolicy example;
    private CompiledPolicy large;
    private LimitCounters counters;
    private final Request request = new Request();
    private static final String HELPDESK_TICKET_URL = "https://api.helpdesk.example/v2/tickets/42";
    private long unseen;
    private String largeAllowedTable;
    private String largeDeniedTable;
    private String generated10000;

    @Setup
    public void setUp() {
        example = load("support.mandate", EXAMPLE);
        large = load("large.mandate", PolicyGenerator.generate(1000, 1000, 1000));
        counters = new LimitCounters();
        // Find, once, a table the large policy allows by a rule and one it denies by a rule.
        for (int n = 0; n < 1000 && (largeAllowedTable == null || largeDeniedTable == null); n++) {
            String table = "table_" + n + "_0";
            Decision d = large.decide(fill(request, Kind.JDBC, "team-bot", "select", table), counters);
            if (d.verdict() == Verdict.ALLOW && largeAllowedTable == null) {
                largeAllowedTable = table;
            } else if (d.verdict() == Verdict.DENY && !d.ruleId().equals("default") && largeDeniedTable == null) {
                largeDeniedTable = table;
            }
        }
        if (largeAllowedTable == null || largeDeniedTable == null) {
            throw new IllegalStateException("the generated policy has no plain allow or deny of a table");
        }
        generated10000 = PolicyGenerator.generate(10_000, 10_000, 500);
    }

    private static CompiledPolicy load(String name, String text) {
        LoadResult r = PolicyLoader.parse(name, text);
        if (!r.ok()) {
            throw new IllegalStateException(r.render());
        }
        return r.policy();
    }

    private static Request fill(Request r, Kind kind, String agent, String op, String resource) {
        return r.reset(kind).agent(agent).chain("chain-1", "chain-1", 1, "support").step("step-1", "add_note").access(op, resource);
    }

    @Benchmark
    public Decision exampleAllowJdbc() {
        return example.decide(fill(request, Kind.JDBC, "support-bot", "select", "public.customers"), counters);
    }

    @Benchmark
    public Decision exampleAllowJdbcConditional() {
        return example.decide(fill(request, Kind.JDBC, "support-bot", "insert", "ticket_notes"), counters);
    }

    @Benchmark
    public Decision exampleDenyJdbc() {
        return example.decide(fill(request, Kind.JDBC, "support-bot", "select", "salaries"), counters);
    }

    @Benchmark
    public Decision exampleDefaultDenyJdbc() {
        return example.decide(fill(request, Kind.JDBC, "support-bot", "select", "invoices"), counters);
    }

    @Benchmark
    public Decision exampleAllowFile() {
        return example.decide(fill(request, Kind.FILE, "support-bot", "read", "/srv/kb/articles/refunds.md"), counters);
    }

    @Benchmark
    public Decision exampleDenyProcess() {
        return example.decide(fill(request, Kind.PROCESS, "support-bot", "exec", "/usr/bin/curl"), counters);
    }

    /** Allowed by a rule, then charged to the 20-per-second rate: past 20 a second it is the limit's deny path. */
    @Benchmark
    public Decision exampleHttpRateLimited() {
        return example.decide(fill(request, Kind.HTTP, "support-bot", "GET", "https://api.helpdesk.example/v2/tickets/42"), counters);
    }

    /**
     * As an HTTP client's request reaches the policy: the URL is a new string per call, so the
     * policy's memory of matching rules pays hashing and comparing it every time.
     */
    @Benchmark
    public Decision exampleHttpFreshUrl() {
        return example.decide(fill(request, Kind.HTTP, "support-bot", "GET",
                new String(HELPDESK_TICKET_URL)), counters);
    }

    /** A file path never seen before on every call: the policy matches the patterns and remembers, past its bound. */
    @Benchmark
    public Decision large1000FileScanUnseen() {
        return large.decide(fill(request, Kind.FILE, "team-bot", "read", "/srv/data999/x/" + unseen++), counters);
    }

    @Benchmark
    public Decision large1000AllowJdbc() {
        return large.decide(fill(request, Kind.JDBC, "team-bot", "select", largeAllowedTable), counters);
    }

    @Benchmark
    public Decision large1000DenyJdbc() {
        return large.decide(fill(request, Kind.JDBC, "team-bot", "select", largeDeniedTable), counters);
    }

    @Benchmark
    public Decision large1000DefaultDenyHttp() {
        return large.decide(fill(request, Kind.HTTP, "team-bot", "GET", "https://unknown.example/x"), counters);
    }

    @Benchmark
    public Decision large1000FileScan() {
        return large.decide(fill(request, Kind.FILE, "team-bot", "read", "/srv/data999/x/y"), counters);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public LoadResult load10000Rules() {
        return PolicyLoader.parse("generated.mandate", generated10000);
    }
}
